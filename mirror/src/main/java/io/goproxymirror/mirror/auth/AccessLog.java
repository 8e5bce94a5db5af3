package io.goproxymirror.mirror.auth;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log of restricted downloads: one line per answered request for a module that needed
 * credentials, {@code event=restricted_download principal=ci-bot kind=user
 * module=git.corp.example.com/app version=v1.2.0 artifact=zip status=200}, on the logger named
 * after this class (so it can be routed apart). Names the principal, never its credentials; an
 * anonymous client is {@code principal=-}.
 */
public final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  /** Whether its lines are written (its logger is at {@code info}); when not, callers skip the work. */
  public boolean enabled() {
    return LOG.isInfoEnabled();
  }

  /**
   * Logs one restricted download.
   *
   * @param decision the decision that let the request in (its principal is logged)
   * @param module the module path
   * @param version the version, or {@code -} for a list or a query
   * @param artifact {@code info}, {@code mod}, {@code zip}, {@code list}, {@code latest} or {@code sumdb}
   * @param status the status answered
   */
  public void download(AccessDecision decision, String module, String version, String artifact, int status) {
    String principal = decision.principal().map(Principal::name).orElse("-");
    String kind = decision.principal().map(p -> p.kind().name().toLowerCase(Locale.ROOT)).orElse("anonymous");
    LOG.info("event=restricted_download principal={} kind={} module={} version={} artifact={} status={}",
        principal, kind, module, version, artifact, status);
  }
}
