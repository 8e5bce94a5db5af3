package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.Retractions;
import io.goproxymirror.gomod.Semver;
import java.io.IOException;
import java.util.List;

/**
 * The retractions that steer tag choice and pseudo-version bases (PROTOCOL §3.6): those in the
 * go.mod of the highest listed release, else of the highest listed pre-release.
 * {@code +incompatible} versions never count, and any failure to load means nothing is retracted,
 * as in the go command.
 */
final class ListedRetractions {
  private ListedRetractions() {}

  static Retractions load(VersionLister lister, ModuleDirFinder finder) {
    try {
      List<String> versions = lister.versions().stream()
          .takeWhile(v -> !v.endsWith("+incompatible"))
          .toList();
      if (versions.isEmpty()) {
        return Retractions.NONE;
      }
      String highest = versions.get(versions.size() - 1);
      for (int i = versions.size() - 1; i >= 0; i--) {
        if (Semver.prerelease(versions.get(i)).isEmpty()) {
          highest = versions.get(i);
          break;
        }
      }
      byte[] goMod = finder.find(highest).goMod();
      return goMod == null ? Retractions.NONE : Retractions.parse(goMod);
    } catch (IOException | ModuleDirFinder.DirNotFoundException e) {
      return Retractions.NONE;
    }
  }
}
