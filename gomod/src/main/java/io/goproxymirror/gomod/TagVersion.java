package io.goproxymirror.gomod;

import java.util.Optional;

/**
 * The version a Git tag stands for (PROTOCOL §3.6 step 4): the tag without the module's tag
 * prefix, canonicalized with build metadata dropped. Tags that look like pseudo-versions and
 * incomplete versions ({@code v1}, {@code v1.2}) stand for nothing.
 *
 * @param version the canonical version, without build metadata
 * @param canonical whether the tag was written in exactly that form ({@code v1.4.1+meta} is not)
 */
public record TagVersion(String version, boolean canonical) {
  private static final String INCOMPATIBLE = "+incompatible";

  /** The version of {@code tag} for a module whose tags start with {@code tagPrefix}. */
  public static Optional<TagVersion> of(String tag, String tagPrefix) {
    if (!tag.startsWith(tagPrefix)) {
      return Optional.empty();
    }
    String trimmed = tag.substring(tagPrefix.length());
    // The go command tests the whole tag here, prefix included.
    if (Semver.isPseudoVersion(tag)) {
      return Optional.empty();
    }
    String v = semverCanonical(trimmed);
    if (v.isEmpty() || !trimmed.startsWith(v)) {
      return Optional.empty();
    }
    return Optional.of(new TagVersion(v, v.equals(trimmed)));
  }

  /**
   * Whether a tag (prefix already removed) is listed as a version: exactly canonical semver, no
   * build metadata, not pseudo-version-shaped (PROTOCOL §3.4).
   */
  public static boolean isListable(String v) {
    return !v.isEmpty() && v.equals(semverCanonical(v)) && !Semver.isPseudoVersion(v);
  }

  /** The canonical form with all build metadata dropped, {@code +incompatible} included. */
  static String semverCanonical(String v) {
    String c = Semver.canonical(v);
    return c.endsWith(INCOMPATIBLE) ? c.substring(0, c.length() - INCOMPATIBLE.length()) : c;
  }
}
