package io.goproxymirror.mirror.modzip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Deque;

/**
 * Expands {@code $Id$} keywords the way git's {@code ident} attribute does on checkout: each
 * {@code $Id$}, and each already expanded {@code $Id:...$} whose text has no newline and no space
 * except directly before the closing {@code $}, becomes {@code $Id: <blob id> $}.
 *
 * <p>Deciding whether {@code $Id:...} is replaced needs the text up to the next {@code $} or
 * newline. Up to {@link #LONG_KEYWORD} bytes of it are held in memory; for longer ones a planning
 * pass over the same bytes ({@link #planning}) records the decisions in order, and the expanding
 * pass ({@link #expanding}) consumes them, so memory stays bounded for any blob.
 */
final class IdentExpander extends OutputStream {
  /** Keyword text longer than this is decided by the planning pass. */
  static final int LONG_KEYWORD = 64 * 1024;

  private enum State { TEXT, DOLLAR, DOLLAR_I, DOLLAR_ID, KEYWORD, SKIP_TO_DOLLAR }

  private final OutputStream out;
  private final byte[] replacement;
  private final Deque<Boolean> longDecisions;
  private final boolean planning;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private State state = State.TEXT;
  private long keywordLength;
  private boolean pendingSpace;

  private IdentExpander(OutputStream out, String blobId, Deque<Boolean> longDecisions,
      boolean planning) {
    this.out = out;
    this.replacement = ("$Id: " + blobId + " $").getBytes(StandardCharsets.US_ASCII);
    this.longDecisions = longDecisions;
    this.planning = planning;
  }

  /** A sink that appends the decision for every long keyword to {@code decisions}. */
  static IdentExpander planning(Deque<Boolean> decisions) {
    return new IdentExpander(OutputStream.nullOutputStream(), "", decisions, true);
  }

  /**
   * A filter writing the expansion to {@code out}; {@code longDecisions} must come from a planning
   * pass over the same bytes (it may be empty when the content is at most {@link #LONG_KEYWORD}
   * bytes long).
   */
  static IdentExpander expanding(OutputStream out, String blobId, Deque<Boolean> longDecisions) {
    return new IdentExpander(out, blobId, longDecisions, false);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int end = off + len;
    int i = off;
    while (i < end) {
      if (state == State.TEXT) {
        int dollar = i;
        while (dollar < end && b[dollar] != '$') {
          dollar++;
        }
        out.write(b, i, dollar - i);
        i = dollar;
        if (i < end) {
          hold(b[i++]);
          state = State.DOLLAR;
        }
      } else if (step(b[i])) {
        i++;
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (state == State.KEYWORD) {
      decided(false);
    }
    if (state == State.SKIP_TO_DOLLAR) {
      throw new IllegalStateException("the planning pass saw other bytes than this one");
    }
    release();
    state = State.TEXT;
    out.close();
  }

  /** Handles one byte in a state other than TEXT; false when the byte must be handled again. */
  private boolean step(byte c) throws IOException {
    switch (state) {
      case DOLLAR, DOLLAR_I -> {
        if (c == (state == State.DOLLAR ? 'I' : 'd')) {
          hold(c);
          state = state == State.DOLLAR ? State.DOLLAR_I : State.DOLLAR_ID;
          return true;
        }
        return backToText();
      }
      case DOLLAR_ID -> {
        if (c == '$') {
          return replaced();
        }
        if (c != ':') {
          return backToText();
        }
        hold(c);
        state = State.KEYWORD;
        keywordLength = 0;
        pendingSpace = false;
        return true;
      }
      case KEYWORD -> {
        return keywordByte(c);
      }
      default -> {
        return c != '$' || replaced();
      }
    }
  }

  private boolean keywordByte(byte c) throws IOException {
    if (c == '$') {
      decided(true);
      return replaced();
    }
    if (c == '\n' || pendingSpace) {
      decided(false);
      return backToText();
    }
    hold(c);
    pendingSpace = c == ' ' && keywordLength >= 1;
    keywordLength++;
    if (!planning && keywordLength == LONG_KEYWORD) {
      Boolean replace = longDecisions.poll();
      if (replace == null) {
        throw new IllegalStateException("no planned decision for a long $Id: keyword");
      }
      if (replace) {
        held.reset();
        state = State.SKIP_TO_DOLLAR;
      } else {
        release();
        state = State.TEXT;
      }
    }
    return true;
  }

  /** Records the decision for a long keyword when planning. */
  private void decided(boolean replace) {
    if (planning && keywordLength >= LONG_KEYWORD) {
      longDecisions.add(replace);
    }
  }

  private boolean replaced() throws IOException {
    held.reset();
    out.write(replacement);
    state = State.TEXT;
    return true;
  }

  /** Writes the held bytes unchanged; the current byte is handled again as text. */
  private boolean backToText() throws IOException {
    release();
    state = State.TEXT;
    return false;
  }

  private void hold(byte c) {
    if (!planning) {
      held.write(c);
    }
  }

  private void release() throws IOException {
    held.writeTo(out);
    held.reset();
  }
}
