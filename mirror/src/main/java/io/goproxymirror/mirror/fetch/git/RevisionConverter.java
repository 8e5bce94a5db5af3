package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.PseudoVersion;
import io.goproxymirror.gomod.Retractions;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.gomod.TagVersion;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.protocol.ModuleLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a resolved revision into a module version (PROTOCOL §3.6 steps 3–5, the go command's
 * {@code convert}): the requested pseudo-version after validation, the tag the query named, the
 * highest usable tag on the commit, or a new pseudo-version on the highest usable ancestor tag;
 * then checks the go.mod location and the {@code +incompatible} rules.
 */
final class RevisionConverter {
  private static final String INCOMPATIBLE = "+incompatible";

  private final GitCode code;
  private final ModuleLocation location;
  private final ModuleDirFinder finder;
  private final String repoUrl;
  private final Supplier<Retractions> retractions;

  RevisionConverter(GitCode code, ModuleLocation location, ModuleDirFinder finder, String repoUrl,
      Supplier<Retractions> retractions) {
    this.code = code;
    this.location = location;
    this.finder = finder;
    this.repoUrl = repoUrl;
    this.retractions = retractions;
  }

  /**
   * The version for {@code info}, reached through the query {@code statVers} ({@code ""} when
   * converting HEAD for {@code @latest}).
   */
  RevInfo convert(GitRevision info, String statVers) throws IOException {
    try {
      IncompatibleCheck incompatible =
          new IncompatibleCheck(code, location, info.commit(), statVers);
      if (Semver.isPseudoVersion(statVers)) {
        new PseudoVersionCheck(code, location).check(info, statVers);
        return checkCanonical(info, statVers, statVers, incompatible);
      }
      return derive(info, statVers, incompatible);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private RevInfo derive(GitRevision info, String statVers, IncompatibleCheck incompatible)
      throws IOException {
    String tagPrefix = location.tagPrefix();
    Optional<TagVersion> named = TagVersion.of(info.version(), tagPrefix);
    if (named.isPresent() && named.get().canonical()) {
      try {
        return checkCanonical(info, named.get().version(), statVers, incompatible);
      } catch (NotFoundException e) {
        // Not usable as named; look at the commit's other tags as the go command does.
      }
    }
    String highestCanonical = "";
    String pseudoBase = "";
    for (String tag : info.tags()) {
      Optional<TagVersion> tv = TagVersion.of(tag, tagPrefix);
      String v = tv.map(TagVersion::version).orElse("");
      boolean canonical = tv.map(TagVersion::canonical).orElse(false);
      if (!statVers.isEmpty() && Semver.compare(v, statVers) == 0) {
        if (canonical) {
          return checkCanonical(info, v, statVers, incompatible);
        }
        pseudoBase = v;
      }
      if (canonical && Semver.compare(highestCanonical, v) < 0 && !retracted(v)
          && (location.matchesMajor(v) || incompatible.allows(v))) {
        highestCanonical = v;
      }
    }
    if (!highestCanonical.isEmpty()) {
      return checkCanonical(info, highestCanonical, statVers, incompatible);
    }
    if (pseudoBase.isEmpty()) {
      String tag = code.history().recentTag(info.commit(), tagPrefix, t -> baseAllowed(t, incompatible));
      if (!tag.isEmpty()) {
        pseudoBase = TagVersion.of(tag, tagPrefix).map(TagVersion::version).orElse("");
      }
    }
    String pseudo = PseudoVersion.of(
        location.pseudoMajor(), pseudoBase, info.time(), info.shortName());
    return checkCanonical(info, pseudo, statVers, incompatible);
  }

  private boolean baseAllowed(String tag, IncompatibleCheck incompatible) {
    String v = TagVersion.of(tag, location.tagPrefix()).map(TagVersion::version).orElse("");
    if (v.isEmpty()) {
      return false;
    }
    if (!location.matchesMajor(v) && !incompatible.allows(v)) {
      return false;
    }
    return !retracted(v);
  }

  private boolean retracted(String v) {
    return retractions.get().covers(v);
  }

  /**
   * Accepts {@code v} for {@code info} if the commit holds the module, adding or rejecting
   * {@code +incompatible} as needed; a canonical query must come out as itself.
   */
  private RevInfo checkCanonical(
      GitRevision info, String v, String statVers, IncompatibleCheck incompatible)
      throws IOException {
    String module = location.modulePath();
    try {
      finder.find(v);
    } catch (ModuleDirFinder.DirNotFoundException e) {
      throw VersionErrors.invalid(module, v, e.getMessage());
    }
    if (v.equals(trimIncompatible(statVers))) {
      v = statVers;
    }
    String base = trimIncompatible(v);
    NotFoundException incompatibleError = null;
    if (!location.matchesMajor(base)) {
      if (incompatible.allows(base)) {
        v = base + INCOMPATIBLE;
      } else if (!location.pathMajor().isEmpty()) {
        incompatibleError = VersionErrors.invalid(module, v,
            "module path includes a major version suffix, so major version must match");
      } else {
        incompatibleError = VersionErrors.invalid(module, v,
            "module contains a go.mod file, so module path must match major version (\""
                + location.pathPrefix() + "/" + Semver.major(v) + "\")");
      }
    } else if (v.endsWith(INCOMPATIBLE)) {
      incompatibleError = VersionErrors.invalid(module, v,
          "+incompatible suffix not allowed: major version " + Semver.major(v) + " is compatible");
    }
    if (!statVers.isEmpty() && statVers.equals(Semver.canonical(statVers))) {
      String statBase = trimIncompatible(statVers);
      if (!statBase.equals(base)) {
        throw VersionErrors.invalid(module, statVers,
            "resolves to version " + v + " (" + statBase + " is not a tag)");
      }
    }
    if (incompatibleError != null) {
      throw incompatibleError;
    }
    Origin origin = new Origin("git", repoUrl, location.codeDir(), info.ref(), info.name());
    return new RevInfo(v, info.time(), origin);
  }

  private static String trimIncompatible(String v) {
    return v.endsWith(INCOMPATIBLE) ? v.substring(0, v.length() - INCOMPATIBLE.length()) : v;
  }
}
