package io.goproxymirror.mirror.auth;

import java.util.Objects;

/**
 * The parts of a request that access depends on.
 *
 * @param clientAddress the client's address, for the failure throttle
 * @param authorization the {@code Authorization} header value, or {@code null} when absent
 * @param resource what the request wants
 */
public record AccessRequest(String clientAddress, String authorization, Resource resource) {
  public AccessRequest {
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(resource, "resource");
  }

  /** The header value without its content, so the record may be logged. */
  @Override
  public String toString() {
    return "AccessRequest[clientAddress=" + clientAddress + ", authorization="
        + (authorization == null ? "none" : "<redacted>") + ", resource=" + resource + "]";
  }
}
