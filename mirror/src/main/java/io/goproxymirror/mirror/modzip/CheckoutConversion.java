package io.goproxymirror.mirror.modzip;

import java.util.Objects;
import java.util.Optional;

/**
 * The content conversions git applies to one blob when {@code git archive} writes it, as the go
 * command runs it ({@code core.autocrlf=input}, {@code core.eol=lf}, no filter drivers): in order,
 * {@code ident} expansion, LF to CRLF, then re-encoding to the working-tree-encoding.
 */
public final class CheckoutConversion {
  /** Raw blob bytes. */
  public static final CheckoutConversion NONE =
      new CheckoutConversion(false, EolConversion.NONE, null);

  private final boolean ident;
  private final EolConversion eol;
  private final WorkingTreeEncoding encoding;

  private CheckoutConversion(boolean ident, EolConversion eol, WorkingTreeEncoding encoding) {
    this.ident = ident;
    this.eol = Objects.requireNonNull(eol);
    this.encoding = encoding;
  }

  /**
   * Decides the conversions for a regular file with these attributes.
   *
   * @throws InvalidModuleZipException where git archive itself fails ({@code working-tree-encoding}
   *     set without a value) or the encoding is not supported
   */
  public static CheckoutConversion of(CheckoutAttributes attributes)
      throws InvalidModuleZipException {
    boolean ident = attributes.ident().state() == GitAttribute.State.SET;
    WorkingTreeEncoding encoding = encoding(attributes.workingTreeEncoding()).orElse(null);
    EolConversion eol = eol(attributes);
    if (!ident && encoding == null && eol == EolConversion.NONE) {
      return NONE;
    }
    return new CheckoutConversion(ident, eol, encoding);
  }

  public boolean ident() {
    return ident;
  }

  public EolConversion eol() {
    return eol;
  }

  public Optional<WorkingTreeEncoding> encoding() {
    return Optional.ofNullable(encoding);
  }

  /** Whether the blob is written unchanged. */
  public boolean isNone() {
    return !ident && encoding == null && eol == EolConversion.NONE;
  }

  /**
   * git's crlf_action with core.autocrlf=input: {@code text} decides, else the legacy
   * {@code crlf}; unless that says binary, {@code eol=crlf} asks for CRLF, and only
   * {@code text=auto} keeps its text check. Every other combination writes LF, that is, the
   * blob unchanged.
   */
  private static EolConversion eol(CheckoutAttributes attributes) {
    TextSetting text = TextSetting.of(attributes.text());
    if (text == TextSetting.UNDEFINED) {
      text = TextSetting.of(attributes.crlf());
    }
    if (text == TextSetting.BINARY || !attributes.eol().hasValue("crlf")) {
      return EolConversion.NONE;
    }
    return text == TextSetting.AUTO ? EolConversion.TO_CRLF_IF_TEXT : EolConversion.TO_CRLF;
  }

  private static Optional<WorkingTreeEncoding> encoding(GitAttribute attribute)
      throws InvalidModuleZipException {
    switch (attribute.state()) {
      case UNSPECIFIED, UNSET:
        return Optional.empty();
      case SET:
        throw new InvalidModuleZipException(
            "git archive: true/false are no valid working-tree-encodings");
      default:
        return attribute.value().isEmpty()
            ? Optional.empty() : WorkingTreeEncoding.forName(attribute.value());
    }
  }

  private enum TextSetting {
    UNDEFINED, BINARY, TEXT, AUTO;

    static TextSetting of(GitAttribute attribute) {
      return switch (attribute.state()) {
        case SET -> TEXT;
        case UNSET -> BINARY;
        case UNSPECIFIED -> UNDEFINED;
        case VALUE -> attribute.value().equals("auto") ? AUTO
            : attribute.value().equals("input") ? TEXT : UNDEFINED;
      };
    }
  }
}
