package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.GoModFile;
import io.goproxymirror.gomod.Retractions;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.errors.NotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What {@code go list -m mod@latest} picks in direct mode (PROTOCOL §1.6): from the version list,
 * skipping versions retracted by the go.mod of the latest version, and skipping
 * {@code +incompatible} versions once a compatible one has a go.mod, the highest release, else the
 * highest pre-release; with no candidate, the HEAD commit's version unless it is retracted.
 */
final class LatestSelector {
  private final ModuleRepo repo;

  LatestSelector(ModuleRepo repo) {
    this.repo = repo;
  }

  RevInfo latest() throws IOException {
    List<String> list = repo.versions();
    Retractions retractions = retractions(list);
    Optional<String> pick = select(list, v -> !retractions.covers(v));
    if (pick.isPresent()) {
      return repo.stat(pick.get());
    }
    RevInfo head;
    try {
      head = repo.head();
    } catch (NotFoundException e) {
      throw noMatch();
    }
    if (retractions.covers(head.version())) {
      throw noMatch();
    }
    return head;
  }

  /** The retractions declared by the version {@code @latest} would pick if none were retracted. */
  private Retractions retractions(List<String> list) throws IOException {
    try {
      Optional<String> latest = select(list, v -> true);
      String version = latest.isPresent() ? repo.stat(latest.get()).version()
          : repo.head().version();
      return Retractions.parse(repo.rawGoMod(version));
    } catch (NotFoundException e) {
      return Retractions.NONE;
    }
  }

  private Optional<String> select(List<String> list, Predicate<String> allowed)
      throws IOException {
    String release = null;
    String prerelease = null;
    String lastCompatible = "";
    boolean needIncompatible = false;
    for (String v : list) {
      if (!allowed.test(v)) {
        continue;
      }
      if (!needIncompatible) {
        if (!v.endsWith("+incompatible")) {
          lastCompatible = v;
        } else if (!lastCompatible.isEmpty()) {
          if (hasGoMod(lastCompatible)) {
            break;
          }
          needIncompatible = true;
        }
      }
      if (Semver.prerelease(v).isEmpty()) {
        release = v;
      } else {
        prerelease = v;
      }
    }
    return Optional.ofNullable(release != null ? release : prerelease);
  }

  /** Whether the version's .mod is a real go.mod rather than the synthesized one. */
  private boolean hasGoMod(String version) throws IOException {
    byte[] mod = repo.rawGoMod(version);
    return !Arrays.equals(mod, GoModFile.synthesized(repo.modulePath()));
  }

  private NotFoundException noMatch() {
    return new NotFoundException(
        "module " + repo.modulePath() + ": no matching versions for query \"latest\"");
  }
}
