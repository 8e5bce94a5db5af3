package io.goproxymirror.mirror.protocol;

/** The GOPROXY endpoints (PROTOCOL §1.1). */
public enum Endpoint {
  /** {@code $module/@v/list}. */
  LIST,
  /** {@code $module/@v/$version.info}; the version may be a query. */
  INFO,
  /** {@code $module/@v/$version.mod}; canonical versions only. */
  MOD,
  /** {@code $module/@v/$version.zip}; canonical versions only. */
  ZIP,
  /** {@code $module/@latest}. */
  LATEST
}
