package io.goproxymirror.mirror.auth;

import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides one request, in this order:
 *
 * <ol>
 *   <li>what the resource requires ({@link AccessPolicy});
 *   <li>no credentials: allowed if the resource is open, else 401;
 *   <li>credentials validated recently ({@link CredentialCache}): used as they are, also from a
 *       throttled address (they cannot be a guess);
 *   <li>a throttled address ({@link FailureThrottle}): 429, the credentials are not looked at;
 *   <li>the credentials checked ({@link Authenticator}): a failure is 401 and counts against the
 *       address; a principal without the group is 403, whether or not the module exists.
 * </ol>
 *
 * Every decision is counted ({@link AuthMetrics}). Log lines name the client address and the
 * reason, never the header.
 */
public final class AccessGate {
  private static final Logger LOG = LoggerFactory.getLogger(AccessGate.class);

  private final AccessPolicy policy;
  private final Authenticator authenticator;
  private final FailureThrottle throttle;
  private final AuthMetrics metrics;
  private final List<String> challenges;

  public AccessGate(AccessPolicy policy, Authenticator authenticator, FailureThrottle throttle, AuthMetrics metrics) {
    this.policy = policy;
    this.authenticator = authenticator;
    this.throttle = throttle;
    this.metrics = metrics;
    this.challenges = authenticator.jwtEnabled()
        ? List.of("Basic realm=\"goproxy-mirror\"", "Bearer realm=\"goproxy-mirror\"")
        : List.of("Basic realm=\"goproxy-mirror\"");
  }

  /**
   * The decision for {@code request}; never fails (an unexpected error is logged and answered as
   * 401 with reason {@code malformed}). Synchronous unless a JWT's keys must be fetched.
   */
  public Single<AccessDecision> decide(AccessRequest request) {
    return Single.defer(() -> {
      Optional<AccessDecision> now = decideNow(request);
      if (now.isPresent()) {
        return Single.just(now.get());
      }
      return authenticator.verifyJwt(request.authorization())
          .map(principal -> permit(policy.requirement(request.resource()), principal))
          .onErrorResumeNext(e -> e instanceof AuthFailureException failure
              ? Single.just(failed(request, failure.reason())) : Single.error(e))
          .onErrorReturn(e -> unexpected(request, e))
          .doOnSuccess(metrics::record);
    });
  }

  /**
   * The decision for {@code request} when it can be made without waiting (always, except for a
   * JWT not validated recently), counted; empty when {@link #decide} must verify a JWT. Never
   * fails, as {@link #decide}. A warm hit with known credentials is decided here, on the event
   * loop, without an Rx step.
   */
  public Optional<AccessDecision> decideNow(AccessRequest request) {
    AccessDecision decision;
    try {
      decision = immediate(request);
    } catch (AuthFailureException failure) {
      decision = failed(request, failure.reason());
    } catch (RuntimeException e) {
      decision = unexpected(request, e);
    }
    if (decision != null) {
      metrics.record(decision);
    }
    return Optional.ofNullable(decision);
  }

  /**
   * Whether {@code resource} needs credentials (a restricted module, the admin API, or anything
   * with {@code anonymous: none}); downloads of such modules go to the {@link AccessLog}.
   */
  public boolean restricted(Resource resource) {
    return !policy.requirement(resource).open();
  }

  /** The {@code WWW-Authenticate} values of a 401: Basic, and Bearer when JWT is on. */
  public List<String> challenges() {
    return challenges;
  }

  /** The decision, or {@code null} when a JWT must be verified. */
  private AccessDecision immediate(AccessRequest request) {
    AccessPolicy.Requirement requirement = policy.requirement(request.resource());
    String header = request.authorization();
    if (header == null || header.isBlank()) {
      return requirement.open() ? AccessDecision.allow(Optional.empty())
          : AccessDecision.unauthorized(FailureReason.MISSING, challenges);
    }
    Optional<Principal> cached = authenticator.cached(header);
    if (cached.isPresent()) {
      return permit(requirement, cached.get());
    }
    Optional<Duration> refused = throttle.refusedFor(request.clientAddress());
    if (refused.isPresent()) {
      return AccessDecision.throttled(refused.get());
    }
    return authenticator.checkNow(header).map(principal -> permit(requirement, principal)).orElse(null);
  }

  private AccessDecision unexpected(AccessRequest request, Throwable e) {
    LOG.error("event=auth_check_failed client={} error=\"{}\"", request.clientAddress(), e.getClass().getName());
    return AccessDecision.unauthorized(FailureReason.MALFORMED, challenges);
  }

  private AccessDecision permit(AccessPolicy.Requirement requirement, Principal principal) {
    return requirement.admits(principal) ? AccessDecision.allow(Optional.of(principal))
        : AccessDecision.forbidden(principal, requirement.forbidden());
  }

  private AccessDecision failed(AccessRequest request, FailureReason reason) {
    if (reason.countsAgainstClient() && throttle.recordFailure(request.clientAddress())) {
      LOG.warn("event=auth_throttled client={} reason={}", request.clientAddress(), reason.tag());
    }
    LOG.debug("event=auth_failed client={} reason={}", request.clientAddress(), reason.tag());
    return AccessDecision.unauthorized(reason, challenges);
  }
}
