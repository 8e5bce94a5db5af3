package io.goproxymirror.mirror.testkit;

import static io.goproxymirror.mirror.testkit.VersionRuleRepos.HOST;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.at;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.files;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.goMod;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.pseudo;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;

/** The tag, hash, pseudo-version and retraction fixtures of {@link VersionRuleRepos}. */
final class VersionRuleFixtures {
  private final VersionRuleRepos repos;

  VersionRuleFixtures(VersionRuleRepos repos) {
    this.repos = repos;
  }

  void createAll() {
    basic();
    retract();
    laxRetractions();
    prerelease();
    noTags();
    new ModuleLayoutFixtures(repos).createAll();
  }

  private void basic() {
    String m = HOST + "basic";
    String mod = goMod(m);
    try (GitRepoBuilder git = repos.repo("basic")) {
      ObjectId b1 = git.commitObject(at(1, 10), files(
          "go.mod", "module \"" + m + "\" // quoted, CRLF\r\n\r\ngo 1.16\r\n", "a.go", "package a\n"));
      ObjectId b2 = git.commitObject(at(2, 10), files("go.mod", mod, "a.go", "package a // 2\n"), b1);
      Instant t3 = at(3, 10);
      ObjectId b3 = git.commitObject(t3, files("go.mod", mod, "a.go", "package a // 3\n"), b2);
      ObjectId b4 = git.commitObject(at(4, 10), files("go.mod", mod, "a.go", "package a // 4\n"), b3);
      ObjectId b5 = git.commitObject(at(5, 10), files("go.mod", mod, "a.go", "package a // 5\n"), b4);
      Instant t6 = at(6, 10);
      ObjectId b6 = git.commitObject(t6, files("go.mod", mod, "a.go", "package a // 6\n"), b5);
      ObjectId b7 = git.commitObject(at(7, 10), files("go.mod", mod, "a.go", "package a // 7\n"), b6);
      Instant t8 = at(8, 10);
      ObjectId b8 = git.commitObject(t8, files("go.mod", mod, "a.go", "package a // 8\n"), b7);
      Instant tf = at(9, 10);
      ObjectId f1 = git.commitObject(tf, files("go.mod", mod, "a.go", "package a // f\n"), b2);
      ObjectId p1 = git.commitObject(at(10, 10), files("go.mod", mod, "a.go", "package a // p\n"), b8);
      git.tag("v1.0.0", b1).tag("release-1", b1)
          .annotatedTag("v1.1.0", b2, Instant.parse("2024-06-01T00:00:00Z"))
          .tag("v1.2", b4).tag("v1.3.0-rc.1", b5).tag("v1.4.1+meta", b6).tag("v1.4", b6)
          .tag("v0.0.0-20200101000000-abcdefabcdef", b7)
          .branch("main", b8).branch("feature", f1).branch("release", b5).branch("release-1", b4)
          .ref("refs/pull/1/head", p1);
      String b3Short = b3.name().substring(0, 12);

      repos.module(m);
      repos.add(m, "v1.0.0", "lightweight tag; go.mod kept byte for byte (quoted path, CRLF)");
      repos.add(m, "v1.1.0", "annotated tag is peeled; Time is the commit's, not the tag's");
      repos.add(m, "v1.3.0-rc.1", "pre-release tag");
      repos.add(m, "release-1",
          "non-semver tag resolves to the canonical tag on its commit (and wins over a branch)");
      repos.add(m, "v1.4.1+meta", "tag with build metadata becomes a pseudo-version base");
      repos.add(m, "v1.4.1", "canonical version without a tag is unknown");
      repos.add(m, "v1.0.0+incompatible", "+incompatible on a compatible major is rejected");
      repos.add(m, "v2.0.0", "no such tag");
      repos.add(m, "main", "branch tip: base is the highest ancestor tag (v1.4.1+meta)");
      repos.add(m, "HEAD", "HEAD resolves like its branch, Origin.Ref HEAD");
      repos.add(m, "feature", "branch off an annotated tag");
      repos.add(m, "release", "branch whose tip carries a tag resolves to the tag");
      repos.add(m, b8.name().substring(0, 7), "7-digit hash prefix of a ref tip");
      repos.add(m, b3Short, "12-digit hash of a commit no ref points at");
      repos.add(m, b3.name(), "full hash of a commit no ref points at");
      repos.add(m, b1.name().substring(0, 12), "hash of a tagged commit gives its tag");
      repos.add(m, b3.name().substring(0, 7).toUpperCase(Locale.ROOT), "upper-case hex is no hash");
      repos.add(m, b3.name().substring(0, 6), "6 hex digits are too short for a hash");
      repos.add(m, p1.name().substring(0, 12), "commit reachable only from refs/pull is unknown");
      repos.add(m, p1.name(), "full hash reachable only from refs/pull is unknown");
      repos.add(m, pseudo("v1.1.1-0.", t3, b3), "pseudo-version on the highest ancestor tag");
      repos.add(m, pseudo("v1.0.1-0.", t3, b3), "pseudo-version on an older ancestor tag");
      repos.add(m, pseudo("v0.0.0-", t3, b3), "pseudo-version without base on a tagged repo");
      repos.add(m, pseudo("v0.0.0-", at(1, 10), b1), "base-less pseudo-version of a tagged commit");
      repos.add(m, pseudo("v1.0.0-", t3, b3), "v1 pseudo-version without base is rejected");
      repos.add(m, "v1.1.1-0." + "20200103100000-" + b3Short.substring(0, 11),
          "pseudo-version revision shorter than 12 digits");
      repos.add(m, "v1.1.1-0." + "20200103100000-" + b3.name().substring(0, 13),
          "pseudo-version revision longer than 12 digits");
      repos.add(m, "v1.1.1-0." + "20200103100001-" + b3Short, "pseudo-version timestamp off by 1s");
      repos.add(m, pseudo("v1.1.1-0.", at(2, 10), b2), "pseudo-version of a commit with its base tag");
      repos.add(m, pseudo("v1.3.0-rc.1.0.", t3, b3), "pseudo-version base is not an ancestor");
      repos.add(m, pseudo("v1.3.0-rc.1.0.", t6, b6), "pre-release base form");
      repos.add(m, pseudo("v1.4.2-0.", t6, b6), "base from a non-canonical tag on the same commit");
      repos.add(m, pseudo("v1.0.0-0.", t3, b3), "vX.Y.0-0 base would have a negative patch");
      repos.add(m, pseudo("v1.2.1-0.", t3, b3), "base v1.2.0 has no tag (only v1.2)");
      repos.add(m, pseudo("v1.4.2-0.", t8, b8), "pseudo-version of the main tip");
      repos.add(m, pseudo("v1.4.2-0.", tf, f1), "pseudo-version of a commit on another branch");
    }
  }

  private void retract() {
    String m = HOST + "retract";
    String mod = goMod(m);
    String retracting = mod + "\nretract (\n\tv1.2.0 // self\n\t[v1.1.0, v1.1.9] // broken\n)\n";
    try (GitRepoBuilder git = repos.repo("retract")) {
      ObjectId r1 = git.commitObject(at(1, 11), files("go.mod", mod, "r.go", "package r\n"));
      Instant t2 = at(2, 11);
      ObjectId r2 = git.commitObject(t2, files("go.mod", mod, "r.go", "package r // 2\n"), r1);
      Instant t3 = at(3, 11);
      ObjectId r3 = git.commitObject(t3, files("go.mod", mod, "r.go", "package r // 3\n"), r2);
      ObjectId r4 = git.commitObject(at(4, 11), files("go.mod", retracting, "r.go", "package r\n"), r3);
      ObjectId r5 = git.commitObject(at(5, 11), files("go.mod", retracting, "r.go", "// 5\n"), r4);
      git.tag("v1.0.0", r1).tag("v1.0.5", r2).tag("v1.1.0", r2).tag("v1.2.0", r4)
          .branch("main", r5);
      repos.module(m);
      repos.add(m, r2.name().substring(0, 12), "highest non-retracted tag on the commit");
      repos.add(m, "v1.1.0", "a retracted version still resolves when asked for");
      repos.add(m, "main", "pseudo-version base skips retracted tags");
      repos.add(m, r3.name().substring(0, 12), "ancestor's retracted tag is no base");
      repos.add(m, pseudo("v1.1.1-0.", t3, r3), "a retracted base is still a valid base");
      repos.add(m, "v1.2.0", "self-retracting release");
    }
  }

  private void laxRetractions() {
    laxRetract("laxbad", "require example.com/x notaversion\nretract v1.1.0\n",
        "a go.mod that does not parse retracts nothing");
    laxRetract("laxskip", "retract [v1.1.0\nretract v1.1.0 // only this one counts\n",
        "a malformed retract line is skipped, the others apply");
  }

  private void laxRetract(String name, String directives, String rule) {
    String m = HOST + name;
    try (GitRepoBuilder git = repos.repo(name)) {
      ObjectId k1 = git.commitObject(at(1, 22), files("go.mod", goMod(m), "k.go", "package k\n"));
      ObjectId k2 = git.commitObject(at(2, 22), files("go.mod", goMod(m) + directives, "k.go", "//2\n"), k1);
      ObjectId k3 = git.commitObject(at(3, 22), files("go.mod", goMod(m), "k.go", "//3\n"), k2);
      git.tag("v1.0.0", k1).tag("v1.1.0", k2).branch("main", k3);
    }
    repos.module(m);
    repos.add(m, "main", rule);
  }

  private void prerelease() {
    String m = HOST + "prerel";
    String mod = goMod(m);
    try (GitRepoBuilder git = repos.repo("prerel")) {
      ObjectId q1 = git.commitObject(at(1, 12), files("go.mod", mod, "p.go", "package p\n"));
      ObjectId q2 = git.commitObject(at(2, 12), files(
          "go.mod", mod + "\nretract v0.1.0-beta\n", "p.go", "package p\n"), q1);
      ObjectId q3 = git.commitObject(at(3, 12), files("go.mod", mod, "p.go", "package p // 3\n"), q2);
      git.tag("v0.1.0-alpha", q1).tag("v0.1.0-beta", q2).branch("main", q3);
      repos.module(m);
      repos.add(m, "main", "retractions come from the highest pre-release without releases");
      repos.add(m, q2.name().substring(0, 12), "retracted pre-release tag on the commit is skipped");
      repos.add(m, "v0.1.0-beta", "retracted pre-release resolves when asked for");
    }
  }

  private void noTags() {
    String m = HOST + "notags";
    try (GitRepoBuilder git = repos.repo("notags")) {
      Instant t1 = at(1, 13);
      ObjectId n1 = git.commitObject(t1, files("go.mod", goMod(m), "n.go", "package n\n"));
      Instant local = Instant.parse("2020-01-01T05:00:00Z");
      ObjectId n2 = git.commitObject(local, ZoneOffset.ofHours(5), "committed at 10:00+05:00",
          files("go.mod", goMod(m), "n.go", "package n // 2\n"), n1);
      git.branch("main", n2);
      repos.module(m);
      repos.add(m, "main", "committer time +05:00 is converted to UTC");
      repos.add(m, pseudo("v0.0.0-", local, n2), "pseudo-version in UTC of a +05:00 commit");
      repos.add(m, pseudo("v0.0.0-", t1, n1), "pseudo-version without any tags");
      repos.add(m, "v0.0.0-20200101100000-" + n2.name().substring(0, 12),
          "pseudo-version with the local instead of the UTC time");
    }
    String major = HOST + "majorroot";
    try (GitRepoBuilder git = repos.repo("majorroot")) {
      String mod = goMod(major + "/v2");
      Instant t1 = at(1, 14);
      ObjectId m1 = git.commitObject(t1, files("go.mod", mod, "m.go", "package m\n"));
      ObjectId m2 = git.commitObject(at(2, 14), files("go.mod", mod, "m.go", "package m // 2\n"), m1);
      git.branch("main", m2);
      repos.module(major);
      repos.module(major + "/v2");
      repos.add(major + "/v2", "main", "base-less pseudo-version of a /v2 path starts at v2");
      repos.add(major + "/v2", pseudo("v2.0.0-", t1, m1), "v2 base-less pseudo-version");
      repos.add(major + "/v2", pseudo("v1.0.0-", t1, m1), "wrong major for a /v2 path");
      repos.add(major + "/v2", pseudo("v0.0.0-", t1, m1), "v0 pseudo-version for a /v2 path");
      repos.add(major, "main", "unsuffixed path with a /v2 go.mod");
    }
  }
}
