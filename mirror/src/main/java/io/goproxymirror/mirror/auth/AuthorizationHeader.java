package io.goproxymirror.mirror.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the credentials of an {@code Authorization} header: {@code Basic base64(name:token)} or
 * {@code Bearer token} (scheme names in any case, RFC 7235). Headers longer than {@link
 * #MAX_CHARS} are refused before any decoding.
 */
public final class AuthorizationHeader {
  /** The longest header accepted: room for a large OIDC token. */
  public static final int MAX_CHARS = 8192;
  /** RFC 6750 {@code b64token}. */
  private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private AuthorizationHeader() {}

  /**
   * The credentials of {@code header}; empty when it is null or blank.
   *
   * @throws AuthFailureException with {@link FailureReason#TOO_LONG}, {@link
   *     FailureReason#UNSUPPORTED_SCHEME} or {@link FailureReason#MALFORMED}
   */
  public static Optional<Credentials> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (header.length() > MAX_CHARS) {
      throw new AuthFailureException(FailureReason.TOO_LONG);
    }
    String value = header.strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    String rest = space < 0 ? "" : value.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Basic")) {
      return Optional.of(basic(rest));
    }
    if (scheme.equalsIgnoreCase("Bearer")) {
      if (!TOKEN68.matcher(rest).matches()) {
        throw new AuthFailureException(FailureReason.MALFORMED);
      }
      return Optional.of(new Credentials.Bearer(rest));
    }
    throw new AuthFailureException(FailureReason.UNSUPPORTED_SCHEME);
  }

  private static Credentials basic(String encoded) {
    if (!TOKEN68.matcher(encoded).matches()) {
      throw new AuthFailureException(FailureReason.MALFORMED);
    }
    String decoded;
    try {
      byte[] bytes = Base64.getDecoder().decode(encoded);
      decoded = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new AuthFailureException(FailureReason.MALFORMED);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      throw new AuthFailureException(FailureReason.MALFORMED);
    }
    return new Credentials.Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
