package io.goproxymirror.mirror.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A mutable answer kept for a while: a {@code list} body, an {@code @latest} or query {@code .info}
 * body, or a negative answer (status 404/410 with its one-line message as body).
 *
 * @param status 200 for a positive answer, 404 or 410 for a negative one
 * @param body the response body bytes
 * @param fetchedAt when the answer was obtained from its source
 */
public record CachedAnswer(int status, byte[] body, Instant fetchedAt) {
  public CachedAnswer {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(fetchedAt, "fetchedAt");
  }

  public boolean positive() {
    return status == 200;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CachedAnswer c
        && c.status == status
        && Arrays.equals(c.body, body)
        && c.fetchedAt.equals(fetchedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, Arrays.hashCode(body), fetchedAt);
  }

  @Override
  public String toString() {
    return "CachedAnswer[status=" + status + ", bytes=" + body.length + ", fetchedAt=" + fetchedAt + "]";
  }
}
