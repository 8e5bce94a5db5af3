package io.goproxymirror.mirror.auth;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to one request: allowed (with the principal, if any), 401 with the {@code
 * WWW-Authenticate} values, 403, or 429 with {@code Retry-After}; plus the one text line for the
 * client and, when authentication failed, the reason (for the metric and the log).
 *
 * @param outcome allowed or which refusal
 * @param principal who the client is, when authenticated
 * @param challenges the {@code WWW-Authenticate} values of a 401, else empty
 * @param message the client's one line (empty when allowed)
 * @param failure why authentication failed, if it did
 * @param retryAfter for a 429: when the client may try again
 */
public record AccessDecision(Outcome outcome, Optional<Principal> principal, List<String> challenges,
    String message, Optional<FailureReason> failure, Optional<Duration> retryAfter) {
  /** Allowed or refused, with the HTTP status and the {@code result} tag of the metric. */
  public enum Outcome {
    ALLOWED(200, "allowed"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    THROTTLED(429, "throttled");

    private final int status;
    private final String tag;

    Outcome(int status, String tag) {
      this.status = status;
      this.tag = tag;
    }

    /** The HTTP status of a refusal (200 when allowed). */
    public int status() {
      return status;
    }

    /** The {@code result} tag of {@code goproxy_mirror_auth_requests_total}. */
    public String tag() {
      return tag;
    }
  }

  public AccessDecision {
    Objects.requireNonNull(outcome, "outcome");
    challenges = List.copyOf(challenges);
  }

  /** Allowed, for {@code principal} (empty: an anonymous client). */
  public static AccessDecision allow(Optional<Principal> principal) {
    return new AccessDecision(Outcome.ALLOWED, principal, List.of(), "", Optional.empty(), Optional.empty());
  }

  /** 401 because of {@code reason}. */
  public static AccessDecision unauthorized(FailureReason reason, List<String> challenges) {
    String line = reason == FailureReason.MISSING
        ? "authentication required: send HTTP Basic credentials (user name and token, as in ~/.netrc)"
            + " or Authorization: Bearer <token>"
        : "invalid credentials: " + reason.clientText();
    return new AccessDecision(Outcome.UNAUTHORIZED, Optional.empty(), challenges, line, Optional.of(reason),
        Optional.empty());
  }

  /** 403 for {@code principal}, with the client's line. */
  public static AccessDecision forbidden(Principal principal, String line) {
    return new AccessDecision(Outcome.FORBIDDEN, Optional.of(principal), List.of(), line, Optional.empty(),
        Optional.empty());
  }

  /** 429 until {@code retryAfter} has passed. */
  public static AccessDecision throttled(Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new AccessDecision(Outcome.THROTTLED, Optional.empty(), List.of(),
        FailureReason.THROTTLED.clientText() + "; retry in " + seconds + " s", Optional.of(FailureReason.THROTTLED),
        Optional.of(Duration.ofSeconds(seconds)));
  }

  /** Whether the request may proceed. */
  public boolean allowed() {
    return outcome == Outcome.ALLOWED;
  }

  /** The HTTP status of a refusal (200 when allowed). */
  public int status() {
    return outcome.status();
  }
}
