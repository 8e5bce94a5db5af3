package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.gomod.Semver;
import io.goproxymirror.gomod.TagVersion;
import io.goproxymirror.mirror.protocol.ModuleLocation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The versions a module lists (PROTOCOL §3.4): its canonical tags, plus {@code +incompatible}
 * versions for a root module without major suffix when neither the highest compatible version nor
 * the highest tag of that major has a root go.mod.
 */
final class VersionLister {
  private final GitCode code;
  private final ModuleLocation location;

  VersionLister(GitCode code, ModuleLocation location) {
    this.code = code;
    this.location = location;
  }

  /** Compatible versions in semantic order, then the allowed {@code +incompatible} ones. */
  List<String> versions() throws IOException {
    String modulePath = location.modulePath();
    if (modulePath.startsWith("gopkg.in/") && modulePath.endsWith("-unstable")) {
      return List.of();
    }
    String prefix = location.tagPrefix();
    List<String> list = new ArrayList<>();
    List<String> incompatible = new ArrayList<>();
    for (String tag : code.refs().tags(prefix).keySet()) {
      String v = tag.substring(prefix.length());
      if (!TagVersion.isListable(v)) {
        continue;
      }
      if (!location.matchesMajor(v)) {
        if (location.codeDir().isEmpty() && location.pathMajor().isEmpty()
            && Semver.major(v).compareTo("v1") > 0) {
          incompatible.add(v);
        }
        continue;
      }
      list.add(v);
    }
    list.sort(Semver.ORDER);
    incompatible.sort(Semver.ORDER);
    if (incompatible.isEmpty() || !location.pathMajor().isEmpty()) {
      return list;
    }
    if (!list.isEmpty() && hasRootGoMod(list.get(list.size() - 1))) {
      return list;
    }
    List<String> result = new ArrayList<>(list);
    String lastMajor = "";
    boolean lastMajorHasGoMod = false;
    for (int i = 0; i < incompatible.size(); i++) {
      String v = incompatible.get(i);
      String major = Semver.major(v);
      if (!major.equals(lastMajor)) {
        int j = i;
        while (j + 1 < incompatible.size() && Semver.major(incompatible.get(j + 1)).equals(major)) {
          j++;
        }
        lastMajor = major;
        lastMajorHasGoMod = hasRootGoMod(incompatible.get(j));
      }
      if (!lastMajorHasGoMod) {
        result.add(v + "+incompatible");
      }
    }
    return result;
  }

  /** Whether the commit of tag {@code tag} has a go.mod at the repository root. */
  private boolean hasRootGoMod(String tag) throws IOException {
    ObjectId commit;
    try {
      commit = code.stat(tag).commit();
    } catch (RevisionNotFoundException e) {
      return false;
    }
    return code.readFile(commit, "go.mod").isPresent();
  }
}
