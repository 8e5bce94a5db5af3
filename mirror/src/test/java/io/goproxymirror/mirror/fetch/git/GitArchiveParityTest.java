package io.goproxymirror.mirror.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.testkit.GitRepoBuilder;
import io.goproxymirror.mirror.testkit.RepoTree;
import io.goproxymirror.mirror.testkit.RequiredTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares every file of a GitModuleZip with what the local {@code git archive} writes, run the
 * way the go command runs it, for conversions and attribute lookups the go golden cases leave out:
 * more working-tree-encodings, pattern forms, macros, and unusual {@code .gitattributes} files.
 */
@DisplayName("GitModuleZip converts file content exactly as the local git archive does")
class GitArchiveParityTest {
  private static final String MODULE = "example.com/parity";
  private static final Map<String, byte[]> TEXTS = texts();
  private static final List<String> ENCODINGS = List.of("UTF-16", "UTF-16LE", "UTF-16BE",
      "UTF-16LE-BOM", "UTF16BE-BOM", "UTF-32", "utf-32le", "UTF-32BE", "UCS-2", "UCS-2BE",
      "UCS-4", "UCS-4LE", "UNICODE", "UNICODELITTLE", "WCHAR_T", "CP1252", "windows-1252",
      "KOI8-R", "ISO-8859-15", "latin1", "ISO-8859-5", "IBM866", "utf8", "", "-");

  @TempDir Path tmp;

  @Test
  @DisplayName("re-encodes for every supported working-tree-encoding, or keeps the bytes, as git")
  void encodings() throws Exception {
    RepoTree tree = RepoTree.of().file("go.mod", "module " + MODULE + "\n");
    for (int i = 0; i < ENCODINGS.size(); i++) {
      String encoding = ENCODINGS.get(i);
      String attribute = encoding.equals("-") ? "-working-tree-encoding"
          : "working-tree-encoding=" + encoding;
      tree.file("enc" + i + "/.gitattributes", "*.txt " + attribute + "\n");
      String dir = "enc" + i + "/";
      TEXTS.forEach((name, content) -> tree.file(dir + name + ".txt", content));
    }
    tree.file("crlf/.gitattributes", "*.txt eol=crlf working-tree-encoding=UTF-32BE\n")
        .file("crlf/a.txt", "a\nb\r\n");

    assertSameAsGitArchive(tree);
  }

  @Test
  @DisplayName("resolves attributes like git: patterns, precedence, macros, odd .gitattributes")
  void attributeLookup() throws Exception {
    RepoTree tree = RepoTree.of().file("go.mod", "module " + MODULE + "\n")
        .file(".gitattributes", String.join("\n",
            "[attr]crlfy text eol=crlf", "[attr]binary eol=crlf", "[attr]twice eol=crlf eol=lf",
            "*.a crlfy", "*.b -crlfy", "*.c binary", "*.d crlfy=x", "*.e twice",
            "/rooted.txt eol=crlf", "docs/ eol=crlf", "**/deep/*.md eol=crlf", "*.[ch] eol=crlf",
            "a?c.txt eol=crlf", "!neg.txt eol=crlf", "UPPER.TXT eol=crlf", "sub3 eol=crlf",
            "*.lc crlf eol=crlf", "*.nc -crlf eol=crlf", "*.in crlf=input eol=crlf",
            "*.un eol=crlf", "*.un !eol", "*.id ident text=auto eol=crlf",
            "\"sp ace.txt\" eol=crlf", "\"\\303\\251.txt\" eol=crlf", "\\!bang.txt eol=crlf",
            "*.v eol=crlf bad/name", "*.w eol=crlf -", "") + "\n");
    for (String name : List.of("x.a", "x.b", "x.c", "x.d", "x.e", "acrlfy", "rooted.txt",
        "sub/rooted.txt", "docs/x.txt", "a/deep/x.md", "deep/y.md", "f.c", "f.h", "abc.txt",
        "neg.txt", "upper.txt", "sub3/z.txt", "x.lc", "x.nc", "x.in", "x.un", "sp ace.txt",
        "\u00e9.txt", "!bang.txt", "x.v", "x.w")) {
      tree.file(name, "a\nb\n");
    }
    tree.file("x.id", "$Id$\n$Id: old $\n")
        .file("attrs.txt", "*.txt eol=crlf\n")
        .symlink("linked/.gitattributes", "../attrs.txt").file("linked/x.txt", "a\n")
        .file("submacro/.gitattributes", "[attr]m eol=crlf\n*.m m\n")
        .file("submacro/x.m", "a\n").file("submacro/tmac", "a\n")
        .file("longline/.gitattributes", "*.txt eol=crlf" + " ".repeat(2100) + "\n*.md eol=crlf\n")
        .file("longline/x.txt", "a\n").file("longline/y.md", "a\n")
        .file("zerobyte/.gitattributes", "*.md eol=crlf\n\0*.txt eol=crlf\n")
        .file("zerobyte/x.txt", "a\n").file("zerobyte/y.md", "a\n")
        .executable("exec/.gitattributes", "*.txt eol=crlf\n").file("exec/x.txt", "a\n")
        .file("over/.gitattributes", "*.txt -text\n").file("over/x.txt", "a\n")
        .file("over/deeper/.gitattributes", "x.txt text\n").file("over/deeper/x.txt", "a\n");

    assertSameAsGitArchive(tree);
  }

  private void assertSameAsGitArchive(RepoTree tree) throws Exception {
    Path gitDir = tmp.resolve("repo");
    ObjectId commit;
    try (GitRepoBuilder repo = GitRepoBuilder.createBare(gitDir)) {
      commit = repo.commit(Instant.parse("2024-01-01T00:00:00Z"), tree).lastCommit();
    }
    Path ours = tmp.resolve("ours.zip");
    try (Repository repo = ZipBuilds.open(gitDir)) {
      GitModuleZip.write(repo, commit, "", MODULE, "v1.0.0", ours);
    }
    Map<String, String> theirs = gitArchive(gitDir, commit);
    Map<String, String> mine = new TreeMap<>();
    ZipBuilds.entries(ours).forEach((name, content) ->
        mine.put(name.substring((MODULE + "@v1.0.0/").length()), content));

    Map<String, String> theirsForOurFiles = new TreeMap<>(theirs);
    theirsForOurFiles.keySet().retainAll(mine.keySet());
    assertThat(mine).isEqualTo(theirsForOurFiles);
    assertThat(theirs.keySet()).containsAll(mine.keySet());
  }

  /** Runs git archive as the go command does; file path → readable content. */
  private Map<String, String> gitArchive(Path gitDir, ObjectId commit) throws Exception {
    Path git = RequiredTools.git();
    Files.createDirectories(gitDir.resolve("info"));
    Files.writeString(gitDir.resolve("info/attributes"), "\n* -export-subst -export-ignore\n");
    Path zip = tmp.resolve("git.zip");
    ProcessBuilder process = new ProcessBuilder(git.toString(), "--git-dir=" + gitDir,
        "-c", "core.autocrlf=input", "-c", "core.eol=lf", "archive", "--format=zip",
        "--prefix=prefix/", "--output=" + zip, commit.name())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("git.log").toFile());
    Map<String, String> env = process.environment();
    env.clear();
    env.putAll(isolatedEnvironment());
    Process run = process.start();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(run.exitValue()).as(Files.readString(tmp.resolve("git.log"))).isZero();
    Map<String, String> files = new TreeMap<>();
    try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      for (ZipEntry entry : Collections.list(file.entries())) {
        if (!entry.isDirectory()) {
          files.put(entry.getName().substring("prefix/".length()), null);
        }
      }
    }
    ZipBuilds.entries(zip).forEach((name, content) -> {
      if (files.containsKey(name.substring("prefix/".length()))) {
        files.put(name.substring("prefix/".length()), content);
      }
    });
    return files;
  }

  private Map<String, String> isolatedEnvironment() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_ATTR_NOSYSTEM", "1");
    return env;
  }

  private static Map<String, byte[]> texts() {
    Map<String, byte[]> texts = new LinkedHashMap<>();
    texts.put("ascii", utf8("hello\n"));
    texts.put("latin", utf8("h\u00e9llo \u00e4\n"));
    texts.put("euro", utf8("\u20ac 5\n"));
    texts.put("cyrillic", utf8("\u043f\u0440\u0438\u0432\u0435\u0442\n"));
    texts.put("emoji", utf8("\uD83D\uDE00\n"));
    texts.put("bom", utf8("\uFEFFx\n"));
    texts.put("invalid", "bad \u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
    texts.put("truncated", new byte[] {'a', (byte) 0xE2, (byte) 0x82});
    texts.put("empty", new byte[0]);
    return texts;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
