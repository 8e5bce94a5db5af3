package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.PseudoVersion;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.protocol.ModuleLocation;
import java.io.IOException;

/**
 * Checks that a requested pseudo-version names its commit truthfully (PROTOCOL §3.6 step 3): the
 * exact 12-character hash prefix, the exact committer time, and a base that is a tag on an
 * ancestor but not a canonical tag on the commit itself.
 */
final class PseudoVersionCheck {
  private static final String INCOMPATIBLE = "+incompatible";

  private final GitCode code;
  private final ModuleLocation location;

  PseudoVersionCheck(GitCode code, ModuleLocation location) {
    this.code = code;
    this.location = location;
  }

  /** Returns normally when {@code version} is valid for {@code info}; else throws 404. */
  void check(GitRevision info, String version) throws IOException {
    String problem;
    try {
      problem = problem(info, version);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      throw VersionErrors.invalidPseudo(location.modulePath(), version, problem);
    }
  }

  private String problem(GitRevision info, String version) throws IOException {
    String rev = PseudoVersion.rev(version);
    String shortName = info.shortName();
    if (!rev.equals(shortName)) {
      String relation = rev.startsWith(shortName) ? "revision is longer than canonical"
          : shortName.startsWith(rev) ? "revision is shorter than canonical"
          : "does not match short name of revision";
      return relation + " (expected " + shortName + ")";
    }
    if (!PseudoVersion.time(version).equals(info.time())) {
      return "does not match version-control timestamp (expected "
          + PseudoVersion.timestamp(info.time()) + ")";
    }
    String trimmed = version.endsWith(INCOMPATIBLE)
        ? version.substring(0, version.length() - INCOMPATIBLE.length()) : version;
    String base = PseudoVersion.base(trimmed);
    if (base.isEmpty()) {
      if (location.pseudoMajor().isEmpty() && Semver.major(version).equals("v1")) {
        return "major version without preceding tag must be v0, not v1";
      }
      return null;
    }
    String tagPrefix = location.tagPrefix();
    for (String tag : info.tags()) {
      if (withoutPrefix(tag, tagPrefix).equals(base)) {
        return "tag (" + tag + ") found on revision " + rev + " is already canonical, so should"
            + " not be replaced with a pseudo-version derived from that tag";
      }
    }
    String lastTag = "";
    for (String tag : code.refs().tags(tagPrefix + base).keySet()) {
      if (Semver.compare(withoutPrefix(tag, tagPrefix), base) == 0) {
        lastTag = tag;
        if (code.history().descendsFrom(info.commit(), tag)) {
          return null;
        }
      }
    }
    if (lastTag.isEmpty()) {
      return "preceding tag (" + base + ") not found";
    }
    return "revision " + rev + " is not a descendent of preceding tag (" + lastTag + ")";
  }

  private static String withoutPrefix(String tag, String prefix) {
    return tag.startsWith(prefix) ? tag.substring(prefix.length()) : tag;
  }
}
