package io.goproxymirror.mirror.testkit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Bare repositories under {@code <reposRoot>/github.com/verrules/...} that exercise the go
 * command's version rules (PROTOCOL §3): tag prefixes, major-version subdirectories and branches,
 * go.mod location errors, {@code +incompatible}, non-canonical tags, hash prefixes, the three
 * pseudo-version forms and their validation, retractions, committer time zones, upper-case paths.
 * {@link #cases()} lists queries to resolve (valid and invalid) and {@link #modules()} the modules
 * whose version list and {@code @latest} to compare; the real go command in direct mode is the
 * oracle. Independent of the code under test, so any suite can replay it.
 */
public final class VersionRuleRepos {
  /** Where the repositories' module paths start. */
  public static final String HOST = "github.com/verrules/";

  /**
   * One query to resolve.
   *
   * @param module the module path
   * @param query a version, pseudo-version, tag, branch or hash prefix
   * @param rule what the case exercises
   */
  public record Case(String module, String query, String rule) {
    @Override
    public String toString() {
      return module + "@" + query + " (" + rule + ")";
    }
  }

  private static final DateTimeFormatter PSEUDO_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final Path reposRoot;
  private final List<Case> cases = new ArrayList<>();
  private final List<String> modules = new ArrayList<>();

  private VersionRuleRepos(Path reposRoot) {
    this.reposRoot = reposRoot;
  }

  /** Creates every repository under {@code reposRoot} and records the cases. */
  public static VersionRuleRepos create(Path reposRoot) {
    VersionRuleRepos repos = new VersionRuleRepos(reposRoot);
    new VersionRuleFixtures(repos).createAll();
    return repos;
  }

  public List<Case> cases() {
    return List.copyOf(cases);
  }

  /** Modules whose {@code @v/list} and {@code @latest} are compared. */
  public List<String> modules() {
    return List.copyOf(modules);
  }

  public Path reposRoot() {
    return reposRoot;
  }

  /** The repository root import path of a module: its first three path elements. */
  public static String codeRoot(String module) {
    String[] parts = module.split("/", 4);
    return parts[0] + "/" + parts[1] + "/" + parts[2];
  }

  /** {@code https://<codeRoot>}, the URL the go command records as Origin.URL. */
  public static String repoUrl(String module) {
    return "https://" + codeRoot(module);
  }

  /** The bare repository holding {@code module}. */
  public Path repoDir(String module) {
    return reposRoot.resolve(codeRoot(module));
  }

  GitRepoBuilder repo(String name) {
    return GitRepoBuilder.createBare(reposRoot.resolve(HOST + name));
  }

  void add(String module, String query, String rule) {
    cases.add(new Case(module, query, rule));
  }

  void module(String module) {
    modules.add(module);
  }

  /** {@code 2020-01-<day>T<hour>:00:00Z}. */
  static Instant at(int day, int hour) {
    return Instant.parse(String.format("2020-01-%02dT%02d:00:00Z", day, hour));
  }

  /** A pseudo-version string for a commit, built by hand from its parts. */
  static String pseudo(String prefix, Instant time, ObjectId commit) {
    return prefix + PSEUDO_TIME.format(time) + "-" + commit.name().substring(0, 12);
  }

  static Map<String, String> files(String... pathThenText) {
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < pathThenText.length; i += 2) {
      files.put(pathThenText[i], pathThenText[i + 1]);
    }
    return files;
  }

  static String goMod(String module) {
    return "module " + module + "\n\ngo 1.16\n";
  }
}
