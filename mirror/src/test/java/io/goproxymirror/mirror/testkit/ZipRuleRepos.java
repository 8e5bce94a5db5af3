package io.goproxymirror.mirror.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bare repository per module zip rule (PROTOCOL §4.1, §4.2), under
 * {@code <reposRoot>/github.com/ziprules/<name>} so that {@link GoDirect} resolves them offline.
 * Each {@link Case} is one module version; servable ones are golden-tested against the real go
 * command, unservable ones must fail both there and in the mirror.
 *
 * <pre>{@code
 * List<ZipRuleRepos.Case> cases = ZipRuleRepos.create(reposRoot);
 * }</pre>
 */
public final class ZipRuleRepos {
  /** Every module path starts with this. */
  public static final String OWNER = "github.com/ziprules";

  private static final Instant TIME = Instant.parse("2023-04-05T06:07:08Z");
  private static final Pattern MAJOR_SUFFIX = Pattern.compile("(.*)/v[2-9][0-9]*");

  /**
   * One module version built from one repository.
   *
   * @param module the module path
   * @param version the version
   * @param servable whether the go command can build its zip
   * @param rule what it tests
   */
  public record Case(String module, String version, boolean servable, String rule) {
    public Case {
      Objects.requireNonNull(module);
      Objects.requireNonNull(version);
      Objects.requireNonNull(rule);
    }

    /** The repository path under the repos root, e.g. {@code github.com/ziprules/matrix}. */
    public String repoPath() {
      String[] parts = module.split("/", 4);
      return parts[0] + "/" + parts[1] + "/" + parts[2];
    }

    /** The module root inside the repository: "" for the root, "sub", "c/v2". */
    public String moduleDir() {
      return module.length() == repoPath().length() ? ""
          : module.substring(repoPath().length() + 1);
    }

    /** The tag this version is resolved from ({@code c/v2.0.0} for module dir {@code c/v2}). */
    public String tag() {
      String dir = moduleDir();
      Matcher major = MAJOR_SUFFIX.matcher(dir);
      String prefix = major.matches() ? major.group(1) : dir;
      return prefix.isEmpty() ? version : prefix + "/" + version;
    }

    @Override
    public String toString() {
      return rule + " (" + module + "@" + version + ")";
    }
  }

  private final Path reposRoot;
  private final List<Case> cases = new ArrayList<>();

  private ZipRuleRepos(Path reposRoot) {
    this.reposRoot = reposRoot;
  }

  /** Creates every repository under {@code reposRoot}; returns the cases in a fixed order. */
  public static List<Case> create(Path reposRoot) {
    ZipRuleRepos repos = new ZipRuleRepos(reposRoot);
    ZipRuleTrees.addAll(repos);
    return List.copyOf(repos.cases);
  }

  /** A root module {@code OWNER/<name>} at v1.0.0 that the go command serves. */
  void root(String name, String rule, RepoTree tree) {
    add(new Case(OWNER + "/" + name, "v1.0.0", true, rule), tree);
  }

  /** A module in directory {@code dir} of repository {@code name}. */
  void inDir(String name, String dir, String version, String rule, RepoTree tree) {
    add(new Case(OWNER + "/" + name + "/" + dir, version, true, rule), tree);
  }

  /** A root module {@code OWNER/<name>} at v1.0.0 whose zip the go command refuses to build. */
  void broken(String name, String rule, RepoTree tree) {
    add(new Case(OWNER + "/" + name, "v1.0.0", false, rule), tree);
  }

  /** A v1.0.0 module in directory {@code dir} whose zip the go command refuses to build. */
  void brokenInDir(String name, String dir, String rule, RepoTree tree) {
    add(new Case(OWNER + "/" + name + "/" + dir, "v1.0.0", false, rule), tree);
  }

  private void add(Case c, RepoTree tree) {
    try (GitRepoBuilder repo = GitRepoBuilder.createBare(reposRoot.resolve(c.repoPath()))) {
      repo.commit(TIME, tree);
      repo.tag(c.tag());
    }
    cases.add(c);
  }

  /** A go.mod for {@code OWNER/<name>} with the given go directive line (or none when null). */
  static String goMod(String name, String goVersion) {
    return "module " + OWNER + "/" + name + "\n" + (goVersion == null ? "" : "\ngo " + goVersion
        + "\n");
  }

  static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }
}
