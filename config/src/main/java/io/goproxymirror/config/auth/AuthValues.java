package io.goproxymirror.config.auth;

import io.goproxymirror.config.value.ValueParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The parsers of the single-value {@code auth.*} keys. */
public final class AuthValues {
  private AuthValues() {}

  /**
   * {@code auth.users-file}: empty (no users file) or the path of a readable regular file. Its
   * content is parsed by the mirror at start.
   */
  public static ValueParser<Optional<Path>> usersFile() {
    return text -> {
      if (text.isBlank()) {
        return Optional.empty();
      }
      Path path = ValueParser.path().parse(text);
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("file not found: " + path);
      }
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("not a regular file: " + path);
      }
      if (!Files.isReadable(path)) {
        throw new IllegalArgumentException("permission denied: " + path);
      }
      return Optional.of(path);
    };
  }

  /** {@code auth.jwt.jwks-url}: empty or an absolute http or https URL with a host. */
  public static ValueParser<Optional<URI>> jwksUrl() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty()) {
        return Optional.empty();
      }
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("not a valid URL: " + e.getReason());
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        throw new IllegalArgumentException("must be an http or https URL with a host, such as"
            + " https://token.actions.githubusercontent.com/.well-known/jwks");
      }
      if (uri.getRawUserInfo() != null) {
        throw new IllegalArgumentException("must not contain user information");
      }
      return Optional.of(uri);
    };
  }

  /** {@code auth.jwt.groups-claim}: a JSON claim name without white space. */
  public static ValueParser<String> claimName() {
    return text -> {
      String s = text.strip();
      if (s.isEmpty() || s.length() > 128 || s.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new IllegalArgumentException("must be a claim name of 1 to 128 characters without white space");
      }
      return s;
    };
  }
}
