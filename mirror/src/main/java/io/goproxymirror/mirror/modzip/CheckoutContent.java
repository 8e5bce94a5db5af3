package io.goproxymirror.mirror.modzip;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams a blob as {@code git archive} writes it under a {@link CheckoutConversion}. Never holds
 * the blob in memory: where git decides from the whole content (long {@code $Id:} keywords, the
 * {@code text=auto} check, whether re-encoding succeeds), a pass over the blob gathers the
 * decision first.
 */
public final class CheckoutContent {
  private CheckoutContent() {}

  /** Writes the converted content of {@code source} to {@code out}, leaving {@code out} open. */
  public static void write(ContentSource source, CheckoutConversion conversion, OutputStream out)
      throws IOException {
    if (conversion.isNone() || source.size() == 0) {
      copy(source, new KeepOpen(out));
      return;
    }
    Deque<Boolean> identPlan = new ArrayDeque<>();
    if (conversion.ident() && source.size() > IdentExpander.LONG_KEYWORD) {
      copy(source, IdentExpander.planning(identPlan));
    }
    boolean crlf = switch (conversion.eol()) {
      case NONE -> false;
      case TO_CRLF -> true;
      case TO_CRLF_IF_TEXT -> {
        TextStats stats = new TextStats();
        copy(source, chain(stats, source, conversion, identPlan, false, null));
        yield stats.convertsToCrlf();
      }
    };
    WorkingTreeEncoding encoding = conversion.encoding().orElse(null);
    if (encoding != null) {
      try {
        OutputStream check = encoding.encoding(OutputStream.nullOutputStream());
        copy(source, chain(check, source, conversion, identPlan, crlf, null));
      } catch (UnencodableContentException e) {
        encoding = null;
      }
    }
    copy(source, chain(new KeepOpen(out), source, conversion, identPlan, crlf, encoding));
  }

  /**
   * ident → CRLF → encoding → {@code sink}, each stage only when enabled; closing the result
   * finishes every stage and closes {@code sink}.
   */
  private static OutputStream chain(OutputStream sink, ContentSource source,
      CheckoutConversion conversion, Deque<Boolean> identPlan, boolean crlf,
      WorkingTreeEncoding encoding) {
    OutputStream head = encoding == null ? sink : encoding.encoding(sink);
    if (crlf) {
      head = new CrlfOutputStream(head);
    }
    if (conversion.ident()) {
      head = IdentExpander.expanding(head, source.blobId(), new ArrayDeque<>(identPlan));
    }
    return head;
  }

  /** Copies the whole blob into {@code out}, then closes {@code out}. */
  private static void copy(ContentSource source, OutputStream out) throws IOException {
    try (InputStream in = source.open(); OutputStream target = out) {
      in.transferTo(target);
    }
  }

  /** Passes everything through but ignores close(), so the caller's stream stays open. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
