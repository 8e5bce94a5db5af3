package io.goproxymirror.config.load;

import io.goproxymirror.config.auth.AuthConfig;
import io.goproxymirror.config.auth.AuthRules;
import io.goproxymirror.config.auth.JwtConfig;
import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.value.ConfigException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link AuthConfig} from the {@code auth.*} keys and the {@code auth.rules} list. {@code
 * auth.jwt} is all or nothing: issuer, jwks-url and audience are set together or not at all.
 */
final class AuthConfigReader {

  private AuthConfigReader() {}

  static AuthConfig read(ConfigValues v, Map<ListKey, List<ListItem>> lists) {
    return new AuthConfig(
        v.get(ConfigKeys.AUTH_USERS_FILE),
        v.get(ConfigKeys.AUTH_USERS_FILE_CHECK),
        v.get(ConfigKeys.AUTH_ANONYMOUS),
        AuthRules.parse(lists.getOrDefault(ListKey.AUTH_RULES, List.of())),
        jwt(v),
        new AuthConfig.Throttle(v.get(ConfigKeys.AUTH_FAILURE_BURST), v.get(ConfigKeys.AUTH_FAILURE_COOLDOWN)));
  }

  private static Optional<JwtConfig> jwt(ConfigValues v) {
    String issuer = v.get(ConfigKeys.AUTH_JWT_ISSUER);
    Optional<URI> jwksUrl = v.get(ConfigKeys.AUTH_JWT_JWKS_URL);
    String audience = v.get(ConfigKeys.AUTH_JWT_AUDIENCE);
    List<String> set = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    (issuer.isEmpty() ? missing : set).add(v.raw(ConfigKeys.AUTH_JWT_ISSUER).origin());
    (jwksUrl.isEmpty() ? missing : set).add(v.raw(ConfigKeys.AUTH_JWT_JWKS_URL).origin());
    (audience.isEmpty() ? missing : set).add(v.raw(ConfigKeys.AUTH_JWT_AUDIENCE).origin());
    if (set.isEmpty()) {
      return Optional.empty();
    }
    if (!missing.isEmpty()) {
      throw new ConfigException("auth.jwt", "issuer, jwks-url and audience go together: "
          + String.join(" and ", set) + (set.size() == 1 ? " is" : " are") + " set but "
          + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " not");
    }
    return Optional.of(new JwtConfig(issuer, jwksUrl.get(), audience, v.get(ConfigKeys.AUTH_JWT_GROUPS_CLAIM)));
  }
}
