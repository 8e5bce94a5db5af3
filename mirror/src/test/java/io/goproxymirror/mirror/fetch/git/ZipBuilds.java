package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.modzip.InvalidModuleZipException;
import io.goproxymirror.mirror.modzip.Sha256;
import io.goproxymirror.mirror.modzip.ZipSummary;
import io.goproxymirror.mirror.testkit.ZipRuleRepos.Case;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Test helpers: build a case's zip with {@link GitModuleZip}, and show zips as readable maps. */
final class ZipBuilds {
  private ZipBuilds() {}

  /** Builds the zip of {@code c} from its repository under {@code reposRoot}. */
  static ZipSummary write(Path reposRoot, Case c, Path zip)
      throws IOException, InvalidModuleZipException {
    try (Repository repo = open(reposRoot.resolve(c.repoPath()))) {
      return GitModuleZip.write(repo, commit(repo, c.tag()), c.moduleDir(), c.module(),
          c.version(), zip);
    }
  }

  static Repository open(Path gitDir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
  }

  static ObjectId commit(Repository repo, String tag) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.parseCommit(repo.exactRef(Constants.R_TAGS + tag).getObjectId()).getId();
    }
  }

  /** Entry name → content, bytes outside printable ASCII escaped, in name order. */
  static Map<String, String> entries(Path zip) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      for (ZipEntry entry : Collections.list(file.entries())) {
        entries.put(entry.getName(), readable(file.getInputStream(entry).readAllBytes()));
      }
    }
    return entries;
  }

  private static String readable(byte[] content) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(content.length, 400);
    for (int i = 0; i < shown; i++) {
      int b = content[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F && b != '\\') {
        out.append((char) b);
      } else if (b == '\n') {
        out.append("\\n");
      } else {
        out.append(String.format("\\x%02x", b));
      }
    }
    if (content.length > shown) {
      out.append("...(").append(content.length).append(" bytes, sha256 ")
          .append(Sha256.hex(content)).append(")");
    }
    return out.toString();
  }
}
