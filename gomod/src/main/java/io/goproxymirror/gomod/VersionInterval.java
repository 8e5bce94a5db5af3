package io.goproxymirror.gomod;

/**
 * A closed interval of versions from a {@code retract} directive. The bounds are kept as written
 * (after unquoting), and compared by semantic-version precedence.
 */
public record VersionInterval(String low, String high) {
  /** Whether {@code low <= v <= high}; an invalid bound sorts below every valid version. */
  public boolean contains(String v) {
    return Semver.compare(low, v) <= 0 && Semver.compare(v, high) <= 0;
  }
}
