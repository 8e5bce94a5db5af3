package io.goproxymirror.mirror.access;

import io.goproxymirror.mirror.auth.Resource;
import io.goproxymirror.mirror.protocol.ProxyRequest;

/**
 * What one request path wants, as far as access is concerned.
 *
 * @param resource what the gate decides on; null for {@code /healthz} and {@code /readyz}
 * @param module the module path of a protocol request or checksum lookup, else null
 * @param version the version, or {@code -} for lists and {@code @latest}
 * @param artifact {@code info}, {@code mod}, {@code zip}, {@code list}, {@code latest}, {@code
 *     query} or {@code sumdb} for modules; {@code admin} or {@code status} otherwise
 * @param protocol the parsed GOPROXY protocol request, handed on to the routes; else null
 */
record AccessTarget(Resource resource, String module, String version, String artifact, ProxyRequest protocol) {
  static final AccessTarget OPEN = new AccessTarget(null, null, null, "open", null);
  static final AccessTarget ADMIN = new AccessTarget(Resource.admin(), null, null, "admin", null);
  static final AccessTarget STATUS = new AccessTarget(Resource.status(), null, null, "status", null);

  static AccessTarget module(String module, String version, String artifact, ProxyRequest protocol) {
    return new AccessTarget(Resource.module(module), module, version == null ? "-" : version, artifact, protocol);
  }

  /** Whether the gate need not be asked. */
  boolean open() {
    return resource == null;
  }

  /** Whether it is the admin API. */
  boolean admin() {
    return resource instanceof Resource.Admin;
  }

  /** Whether it is a module (its downloads go to the access log when restricted). */
  boolean moduleTarget() {
    return module != null;
  }
}
