package io.goproxymirror.mirror.modzip;

import java.io.OutputStream;

/**
 * Counts what git's text heuristic looks at (NUL, lone CR, lone LF, CRLF, printable and
 * non-printable bytes) over the bytes written to it, and answers whether {@code text=auto
 * eol=crlf} would convert them: only content with a lone LF, no CR at all, and that does not look
 * binary.
 */
final class TextStats extends OutputStream {
  private static final int CTRL_Z = 0x1A;

  private long nul;
  private long loneCr;
  private long loneLf;
  private long crlf;
  private long printable;
  private long nonPrintable;
  private boolean pendingCr;
  private int last = -1;
  private boolean closed;

  @Override
  public void write(int b) {
    int c = b & 0xFF;
    if (pendingCr) {
      pendingCr = false;
      if (c == '\n') {
        crlf++;
        last = c;
        return;
      }
      loneCr++;
    }
    if (c == '\r') {
      pendingCr = true;
    } else if (c == '\n') {
      loneLf++;
    } else if (c == 0x7F) {
      nonPrintable++;
    } else if (c < 0x20) {
      countControl(c);
    } else {
      printable++;
    }
    last = c;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (pendingCr) {
      pendingCr = false;
      loneCr++;
    }
    if (last == CTRL_Z) {
      nonPrintable--;
    }
  }

  /** Whether text=auto eol=crlf converts this content; call after {@link #close()}. */
  boolean convertsToCrlf() {
    if (!closed) {
      throw new IllegalStateException("statistics are complete only after close()");
    }
    return loneLf > 0 && loneCr == 0 && crlf == 0 && !looksBinary();
  }

  private boolean looksBinary() {
    return loneCr > 0 || nul > 0 || (printable >> 7) < nonPrintable;
  }

  private void countControl(int c) {
    switch (c) {
      case '\b', '\t', 0x1B, '\f' -> printable++;
      case 0 -> {
        nul++;
        nonPrintable++;
      }
      default -> nonPrintable++;
    }
  }
}
