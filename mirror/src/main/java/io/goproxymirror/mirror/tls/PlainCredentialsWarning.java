package io.goproxymirror.mirror.tls;

import io.goproxymirror.config.ServerTlsConfig;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up warning for a mirror that takes client credentials over plain HTTP: the go command
 * sends {@code .netrc} credentials only to {@code https} URLs, and tokens sent in clear can be
 * read on the way. Behind a TLS-terminating ingress the warning is expected and harmless.
 */
public final class PlainCredentialsWarning {
  private static final Logger LOG = LoggerFactory.getLogger(PlainCredentialsWarning.class);

  private PlainCredentialsWarning() {}

  /** The warning line, when credentials are configured and the mirror serves no TLS itself. */
  public static Optional<String> of(boolean credentialsConfigured, ServerTlsConfig tls) {
    if (!credentialsConfigured || tls.enabled()) {
      return Optional.empty();
    }
    return Optional.of("event=credentials_without_tls reason=\"client credentials are configured but the mirror"
        + " serves plain HTTP: the go command sends .netrc credentials only over https, and tokens travel in"
        + " clear\" action=\"set server.tls.cert-file and server.tls.key-file, or terminate TLS in front of"
        + " the mirror\"");
  }

  /** Logs {@link #of} at warn level, if there is a warning. */
  public static void log(boolean credentialsConfigured, ServerTlsConfig tls) {
    of(credentialsConfigured, tls).ifPresent(LOG::warn);
  }
}
