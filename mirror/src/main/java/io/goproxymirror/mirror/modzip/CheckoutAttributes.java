package io.goproxymirror.mirror.modzip;

import java.util.Objects;

/**
 * The attributes git consults when it writes a blob out (checkout or {@code git archive}):
 * {@code text}, {@code crlf}, {@code eol}, {@code ident} and {@code working-tree-encoding}.
 * {@code filter} is left out on purpose: a filter only runs when its driver is configured on the
 * machine, and the go command's git has none.
 */
public record CheckoutAttributes(
    GitAttribute text,
    GitAttribute crlf,
    GitAttribute eol,
    GitAttribute ident,
    GitAttribute workingTreeEncoding) {

  /** No attribute specified: blobs are written as they are. */
  public static final CheckoutAttributes NONE = new CheckoutAttributes(GitAttribute.UNSPECIFIED,
      GitAttribute.UNSPECIFIED, GitAttribute.UNSPECIFIED, GitAttribute.UNSPECIFIED,
      GitAttribute.UNSPECIFIED);

  public CheckoutAttributes {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(crlf, "crlf");
    Objects.requireNonNull(eol, "eol");
    Objects.requireNonNull(ident, "ident");
    Objects.requireNonNull(workingTreeEncoding, "workingTreeEncoding");
  }
}
