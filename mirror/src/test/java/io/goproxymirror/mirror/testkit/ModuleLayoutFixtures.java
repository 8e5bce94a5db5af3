package io.goproxymirror.mirror.testkit;

import static io.goproxymirror.mirror.testkit.VersionRuleRepos.HOST;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.at;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.files;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.goMod;
import static io.goproxymirror.mirror.testkit.VersionRuleRepos.pseudo;

import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The layout fixtures of {@link VersionRuleRepos}: subdirectory modules and their tag prefix,
 * major-version subdirectories and branches, go.mod location errors, {@code +incompatible},
 * upper-case paths and ambiguous hash prefixes.
 */
final class ModuleLayoutFixtures {
  private final VersionRuleRepos repos;

  ModuleLayoutFixtures(VersionRuleRepos repos) {
    this.repos = repos;
  }

  void createAll() {
    mono();
    majorBranch();
    legacy();
    majorSubdirectory();
    compatibleGoMod();
    upperCase();
    ambiguous();
  }

  private void mono() {
    String m = HOST + "mono";
    Map<String, String> files = files(
        "go.mod", goMod(m), "LICENSE", "license text\n", "m.go", "package m\n",
        "sub/go.mod", goMod(m + "/sub"), "sub/s.go", "package sub\n",
        "c/go.mod", goMod(m + "/c"), "c/c.go", "package c\n",
        "nomod/n.go", "package nomod\n",
        "both/go.mod", goMod(m + "/both/v2"), "both/v2/go.mod", goMod(m + "/both/v2"),
        "none/go.mod", goMod(m + "/none"));
    try (GitRepoBuilder git = repos.repo("mono")) {
      ObjectId o1 = git.commitObject(at(1, 15), files);
      files.put("sub/s.go", "package sub // 2\n");
      ObjectId o2 = git.commitObject(at(2, 15), files, o1);
      files.put("c/v2/go.mod", goMod(m + "/c/v2"));
      files.put("c/v2/c.go", "package c // v2\n");
      ObjectId o3 = git.commitObject(at(3, 15), files, o2);
      files.put("sub/s.go", "package sub // 4\n");
      ObjectId o4 = git.commitObject(at(4, 15), files, o3);
      git.tag("v1.0.0", o1).tag("sub/v1.0.0", o1).tag("c/v1.0.0", o1).tag("nomod/v1.0.0", o1)
          .tag("both/v2.0.0", o1).tag("none/v2.0.0", o1)
          .tag("sub/v1.1.0", o2).tag("v1.2.0", o2)
          .tag("c/v2.0.0", o3).tag("c/v2/v2.0.1", o3).tag("sub/v2.0.0", o3)
          .tag("sub/v0.0.0-20200101000000-abcdefabcdef", o3)
          .branch("main", o4);
    }
    for (String sub : new String[] {"", "/sub", "/c", "/c/v2", "/nomod", "/both/v2", "/none/v2"}) {
      repos.module(m + sub);
    }
    repos.add(m + "/sub", "v1.0.0", "subdirectory module uses the sub/ tag, not the root tag");
    repos.add(m + "/sub", "v1.1.0", "subdirectory tag");
    repos.add(m + "/sub", "v1.2.0", "a root tag is no version of a subdirectory module");
    repos.add(m + "/sub", "v2.0.0", "a subdirectory module cannot be +incompatible");
    repos.add(m + "/sub", "v2.0.0+incompatible", "explicit +incompatible in a subdirectory");
    repos.add(m + "/sub", "main", "pseudo-version base among sub/ tags");
    repos.add(m, "v1.2.0", "root module of a multi-module repository");
    repos.add(m, "main", "root module pseudo-version ignores sub/ tags");
    repos.add(m + "/c", "v1.0.0", "c/ tag for the v1 module");
    repos.add(m + "/c", "v2.0.0", "a v2 tag of a subdirectory module with a v1 go.mod");
    repos.add(m + "/c/v2", "v2.0.0", "major subdirectory c/v2 with tag c/v2.0.0");
    repos.add(m + "/c/v2", "c/v2.0.0", "full tag name as the query");
    repos.add(m + "/c/v2", "v2.0.1", "tag c/v2/v2.0.1 is not a version of c/v2");
    repos.add(m + "/c/v2", "main", "pseudo-version in a major subdirectory");
    repos.add(m + "/c/v2", "v1.0.0", "v1 tag for a /v2 module");
    repos.add(m + "/nomod", "v1.0.0", "subdirectory without go.mod");
    repos.add(m + "/both/v2", "v2.0.0", "both both/go.mod and both/v2/go.mod claim /v2");
    repos.add(m + "/none/v2", "v2.0.0", "neither none/go.mod nor none/v2/go.mod claims /v2");
  }

  private void majorBranch() {
    String m = HOST + "majbranch";
    try (GitRepoBuilder git = repos.repo("majbranch")) {
      ObjectId j1 = git.commitObject(at(1, 16), files("go.mod", goMod(m), "j.go", "package j\n"));
      ObjectId j2 = git.commitObject(at(2, 16), files("go.mod", goMod(m + "/v2"), "j.go", "// v2\n"), j1);
      Instant t3 = at(3, 16);
      ObjectId j3 = git.commitObject(t3, files("go.mod", goMod(m + "/v2"), "j.go", "// v2.1\n"), j2);
      git.tag("v1.0.0", j1).tag("v2.0.0", j2).branch("main", j1).branch("v2", j3)
          .branch("dev-v2", j3);
      repos.module(m);
      repos.module(m + "/v2");
      // The go command reads "v2" as the version prefix v2.*, not as the branch: query another name.
      repos.add(m + "/v2", "dev-v2", "major branch holding the /v2 module at the root");
      repos.add(m + "/v2", "v2.0.0", "v2 tag on the major branch");
      repos.add(m + "/v2", pseudo("v2.0.1-0.", t3, j3), "pseudo-version on the major branch");
      repos.add(m + "/v2", "v1.0.0", "v1 tag for the /v2 module");
      repos.add(m + "/v2", "main", "main has no /v2 go.mod");
      repos.add(m, "v2.0.0", "unsuffixed path at a tag whose go.mod says /v2");
      repos.add(m, "v2.0.0+incompatible", "+incompatible with a go.mod");
      repos.add(m, "dev-v2", "major branch for the unsuffixed path");
    }
  }

  private void legacy() {
    String m = HOST + "legacy";
    try (GitRepoBuilder git = repos.repo("legacy")) {
      ObjectId l1 = git.commitObject(at(1, 17), files("l.go", "package legacy\n"));
      ObjectId l2 = git.commitObject(at(2, 17), files("l.go", "package legacy // 2\n"), l1);
      ObjectId l3 = git.commitObject(at(3, 17), files("l.go", "package legacy // 2.1\n"), l2);
      Instant t4 = at(4, 17);
      ObjectId l4 = git.commitObject(t4, files("l.go", "package legacy // 4\n"), l3);
      ObjectId l5 = git.commitObject(at(5, 17), files(
          "go.mod", goMod(m + "/v3"), "l.go", "package legacy // 3\n"), l4);
      git.tag("v1.0.0", l1).tag("v2.0.0", l2).tag("v2.1.0", l3).tag("v3.0.0", l5)
          .branch("main", l5);
      repos.module(m);
      repos.module(m + "/v3");
      repos.add(m, "v1.0.0", "v1 without go.mod gets a synthesized go.mod");
      repos.add(m, "v2.0.0", "v2 tag without go.mod answers v2.0.0+incompatible");
      repos.add(m, "v2.0.0+incompatible", "explicit +incompatible");
      repos.add(m, "v2.1.0+incompatible", "explicit +incompatible, later minor");
      repos.add(m, "v1.0.0+incompatible", "+incompatible on v1");
      repos.add(m, "v3.0.0", "v3 has a /v3 go.mod");
      repos.add(m, "v3.0.0+incompatible", "+incompatible with a go.mod");
      repos.add(m, l4.name().substring(0, 12), "pseudo-version on a +incompatible base");
      repos.add(m, pseudo("v2.1.1-0.", t4, l4), "+incompatible pseudo-version asked without suffix");
      repos.add(m, pseudo("v2.1.1-0.", t4, l4) + "+incompatible", "+incompatible pseudo-version");
      repos.add(m, pseudo("v0.0.0-", t4, l4) + "+incompatible", "base-less with build metadata");
      repos.add(m, "main", "tip with a /v3 go.mod cannot be the unsuffixed module");
      repos.add(m + "/v3", "main", "tip tagged v3.0.0 on the /v3 path");
      repos.add(m + "/v3", "v3.0.0", "v3 release");
    }
  }

  private void majorSubdirectory() {
    String m = HOST + "subv2";
    try (GitRepoBuilder git = repos.repo("subv2")) {
      ObjectId s1 = git.commitObject(at(1, 18), files("x.go", "package x\n"));
      Map<String, String> files = files("x.go", "package x // 2\n",
          "v2/go.mod", goMod(m + "/v2"), "v2/x.go", "package x // v2\n");
      ObjectId s2 = git.commitObject(at(2, 18), files, s1);
      files.put("v2/x.go", "package x // v2.1\n");
      ObjectId s3 = git.commitObject(at(3, 18), files, s2);
      git.tag("v1.0.0", s1).tag("v2.0.0", s2).branch("main", s3);
    }
    repos.module(m);
    repos.module(m + "/v2");
    repos.add(m, "v2.0.0", "v2/go.mod claims the v2 tags (no implicit +incompatible)");
    repos.add(m, "v2.0.0+incompatible", "explicit +incompatible despite v2/go.mod");
    repos.add(m + "/v2", "v2.0.0", "module in the v2/ subdirectory of a root repository");
    repos.add(m, "main", "v2 tag is no +incompatible base when v2/go.mod exists");
    repos.add(m + "/v2", "main", "pseudo-version for the v2/ subdirectory");
  }

  private void compatibleGoMod() {
    String m = HOST + "modincompat";
    try (GitRepoBuilder git = repos.repo("modincompat")) {
      ObjectId c1 = git.commitObject(at(1, 19), files("i.go", "package i\n"));
      ObjectId c2 = git.commitObject(at(2, 19), files("go.mod", goMod(m), "i.go", "package i\n"), c1);
      git.tag("v2.0.0", c1).tag("v1.0.0", c2).branch("main", c2);
    }
    repos.module(m);
    repos.add(m, "v2.0.0", "unlisted +incompatible version still resolves");
    repos.add(m, "v1.0.0", "compatible version with go.mod");
  }

  private void upperCase() {
    String m = HOST + "Upper";
    try (GitRepoBuilder git = repos.repo("Upper")) {
      ObjectId u1 = git.commitObject(at(1, 20), files("u.go", "package upper\n"));
      ObjectId u2 = git.commitObject(at(2, 20), files("go.mod", goMod(m), "u.go", "package upper\n"), u1);
      git.tag("v1.0.0", u1).branch("main", u2);
    }
    repos.module(m);
    repos.add(m, "v1.0.0", "upper-case module path, synthesized go.mod");
    repos.add(m, "main", "upper-case module path, pseudo-version");
  }

  private void ambiguous() {
    String m = HOST + "ambig";
    try (GitRepoBuilder git = repos.repo("ambig")) {
      ObjectId a0 = git.commitObject(at(1, 21), files("go.mod", goMod(m), "a.go", "package a\n"));
      ObjectId[] pair = git.collidingCommits(7, at(2, 21),
          files("go.mod", goMod(m), "a.go", "package a // 2\n"), i -> "attempt " + i, a0);
      git.branch("main", a0).branch("x", pair[0]).branch("y", pair[1]);
      repos.module(m);
      repos.add(m, pair[0].name().substring(0, 7), "hash prefix shared by two branch tips");
      repos.add(m, pair[0].name().substring(0, 12), "longer prefix of one of them");
      repos.add(m, "y", "the other one by branch");
    }
  }
}
