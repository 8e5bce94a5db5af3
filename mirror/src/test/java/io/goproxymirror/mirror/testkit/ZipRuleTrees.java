package io.goproxymirror.mirror.testkit;

import static io.goproxymirror.mirror.testkit.ZipRuleRepos.bytes;
import static io.goproxymirror.mirror.testkit.ZipRuleRepos.goMod;

/** The trees of {@link ZipRuleRepos}: one method per group of rules. */
final class ZipRuleTrees {
  private static final String GITLINK = "0123456789abcdef0123456789abcdef01234567";
  private static final String LONG = "x".repeat(70_000);

  private ZipRuleTrees() {}

  static void addAll(ZipRuleRepos repos) {
    matrix(repos);
    lineEndings(repos);
    ident(repos);
    encodings(repos);
    attributeMatching(repos);
    fileKinds(repos);
    nestedAndVendor(repos);
    license(repos);
    unservable(repos);
  }

  /** The §4.6 matrix as a whole. */
  private static void matrix(ZipRuleRepos repos) {
    repos.root("matrix", "PROTOCOL §4.6 matrix", module("matrix", "1.16")
        .file("LICENSE", "MIT\n")
        .file("plain.txt", "plain\n")
        .file(".gitattributes", "subst.go export-subst\nignored.txt export-ignore\n"
            + "crlf.txt text eol=crlf\nident.txt ident\n")
        .file("subst.go", "package matrix\n\nconst rev = \"$Format:%H$\"\n")
        .file("ignored.txt", "ignored\n")
        .file("crlf.txt", "a\nb\r\nc\n")
        .file("ident.txt", "id: $Id$\n")
        .symlink("link.txt", "plain.txt")
        .file("vendor/modules.txt", "# example.com/dep v1.0.0\n")
        .file("vendor/file.txt", "vendored file\n")
        .file("vendor/example.com/dep/dep.go", "package dep\n")
        .file("sub/vendor/x/x.go", "package x\n")
        .file("pkg/vendor/vendor.go", "package vendor\n")
        .file("nested/go.mod", goMod("matrix/nested", null))
        .file("nested/deep/deep.go", "package deep\n")
        .file("other/GO.MOD", goMod("matrix/other", null))
        .file("other/other.go", "package other\n")
        .file(".hg_archival.txt", "repo: 0\n")
        .file("sub/.hg_archival.txt", "repo: 1\n"));
  }

  private static void lineEndings(ZipRuleRepos repos) {
    String mixed = "one\ntwo\r\nthree\n";
    repos.root("eol-crlf", "eol=crlf", module("eol-crlf", "1.16")
        .file(".gitattributes", "*.txt eol=crlf\n")
        .file("a.txt", mixed).file("b.txt", "no newline").file("a.go", "package a\n"));
    repos.root("text-eol-crlf", "text eol=crlf", module("text-eol-crlf", "1.16")
        .file(".gitattributes", "*.txt text eol=crlf\n").file("a.txt", mixed));
    repos.root("gomod-crlf", "eol=crlf on every file, go.mod included", module("gomod-crlf", "1.16")
        .file(".gitattributes", "* eol=crlf\n").file("a.go", "package a\n"));
    String auto = ".gitattributes";
    String autoAttrs = "*.txt text=auto eol=crlf\n";
    repos.root("auto-crlf-lf", "text=auto eol=crlf on LF-only text", module("auto-crlf-lf", "1.16")
        .file(auto, autoAttrs).file("a.txt", "one\ntwo\n")
        .file("ctrlz.txt", "text\n\032")
        .file("ratio-text.txt", "a".repeat(128) + "\001\n"));
    repos.root("auto-crlf-crlf", "text=auto eol=crlf on text with CRLF",
        module("auto-crlf-crlf", "1.16").file(auto, autoAttrs).file("a.txt", "one\r\ntwo\n"));
    repos.root("auto-crlf-lone-cr", "text=auto eol=crlf on text with a lone CR",
        module("auto-crlf-lone-cr", "1.16").file(auto, autoAttrs).file("a.txt", "one\rtwo\n"));
    repos.root("auto-crlf-binary", "text=auto eol=crlf on binary content",
        module("auto-crlf-binary", "1.16").file(auto, autoAttrs)
            .file("zero.txt", bytes("a\0b\nc\n"))
            .file("ctrl.txt", bytes("\001\002\003\n"))
            .file("ratio-binary.txt", "a".repeat(127) + "\001\n")
            .file("high.txt", bytes("\u00ff\u00fe\n")));
  }

  private static void ident(ZipRuleRepos repos) {
    repos.root("ident", "ident: $Id$", module("ident", "1.16")
        .file(".gitattributes", "*.txt ident\n")
        .file("a.txt", "a $Id$ b\n$$Id$\n$Id$Id$\n$I$Id$\n$Id")
        .file("none.txt", "no keyword\n"));
    repos.root("ident-expanded", "ident: already expanded $Id: x $",
        module("ident-expanded", "1.16")
            .file(".gitattributes", "*.txt ident\n")
            .file("a.txt", "$Id: x $\n$Id: a b $\n$Id:$ z\n$Id:\n$ q\n$Id: $\n$Id:  $\n"
                + "$Id:x  $\n$Id: y $Id$\n$Id: ab$\n$Id: a  $\n$Id:  x\n")
            .file("tail.txt", "$Id: no closing dollar"));
    repos.root("ident-then-crlf", "ident before text=auto eol=crlf",
        module("ident-then-crlf", "1.16")
            .file(".gitattributes", "*.txt ident text=auto eol=crlf\n")
            .file("a.txt", "$Id:\r$\nline\n"));
    repos.root("ident-long", "ident: $Id: keywords longer than 64 KiB",
        module("ident-long", "1.16")
            .file(".gitattributes", "*.txt ident\n")
            .file("replaced.txt", "$Id:" + LONG + "$\n$Id$\n")
            .file("newline.txt", "$Id:" + LONG + "\n$Id$\n")
            .file("space.txt", "$Id:" + LONG + " y$Id$\n")
            .file("eof.txt", "$Id: " + LONG));
  }

  private static void encodings(ZipRuleRepos repos) {
    String text = "h\u00e9llo w\u00f6rld\n\u20ac \uD83D\uDE00\n";
    repos.root("encoding-utf16le", "working-tree-encoding=UTF-16LE",
        module("encoding-utf16le", "1.16")
            .file(".gitattributes", "*.txt working-tree-encoding=UTF-16LE\n")
            .file("a.txt", text).file("empty.txt", "")
            .file("bom.txt", "\uFEFFbom\n").file("invalid.txt", bytes("bad \u00ff\n")));
    repos.root("encoding-utf16", "working-tree-encoding=UTF-16 (BOM, little-endian)",
        module("encoding-utf16", "1.16")
            .file(".gitattributes", "*.txt working-tree-encoding=UTF-16\n").file("a.txt", text));
    repos.root("encoding-latin1", "working-tree-encoding=ISO-8859-1",
        module("encoding-latin1", "1.16")
            .file(".gitattributes", "*.txt working-tree-encoding=ISO-8859-1\n")
            .file("a.txt", "h\u00e9llo\n").file("euro.txt", text));
    repos.root("encoding-after-crlf", "eol=crlf, then working-tree-encoding=UTF-16BE-BOM",
        module("encoding-after-crlf", "1.16")
            .file(".gitattributes", "*.txt eol=crlf working-tree-encoding=utf-16be-bom\n")
            .file("a.txt", "a\nb\n"));
  }

  private static void attributeMatching(ZipRuleRepos repos) {
    repos.inDir("root-attrs-sub", "sub", "v1.0.0", "root .gitattributes applies to a subdirectory",
        RepoTree.of()
            .file(".gitattributes", "*.txt eol=crlf\nsub/raw.txt -text\n")
            .file("sub/go.mod", goMod("root-attrs-sub/sub", "1.16"))
            .file("sub/a.txt", "a\nb\n").file("sub/raw.txt", "a\nb\n")
            .file("sub/.gitattributes", "b.txt ident\n").file("sub/b.txt", "$Id$\n"));
    repos.root("attrs-precedence", "attribute macros, precedence and binary",
        module("attrs-precedence", "1.16")
            .file(".gitattributes", "[attr]crlfy text eol=crlf\n*.m crlfy\n*.bin binary eol=crlf\n"
                + "*.t1 text\n*.t1 eol=crlf\n*.t2 eol=crlf\n*.t2 -text\n*.t3 crlf eol=crlf\n"
                + "*.t4 -crlf eol=crlf\n*.t5 text=input eol=crlf\n*.t6 eol=crlf\n*.t6 !eol\n"
                + "*.t7 text eol=lf\ndir/** eol=crlf\n")
            .file("a.m", "m\n").file("a.bin", "b\n").file("a.t1", "1\n").file("a.t2", "2\n")
            .file("a.t3", "3\n").file("a.t4", "4\n").file("a.t5", "5\n").file("a.t6", "6\n")
            .file("a.t7", "7\n").file("dir/x.t0", "0\n").file("dir/x.t1", "1\n")
            .file("dir/.gitattributes", "x.t1 -text\n"));
  }

  private static void fileKinds(ZipRuleRepos repos) {
    repos.root("symlinks", "symbolic links are left out", module("symlinks", "1.16")
        .file("a.go", "package a\n").symlink("link.go", "a.go").symlink("linkdir", "dir")
        .file("dir/b.go", "package dir\n")
        .symlink("sub/go.mod", "../go.mod").file("sub/c.go", "package sub\n"));
    repos.root("gitlinks", "gitlinks (submodules) are left out", module("gitlinks", "1.16")
        .file("a.go", "package a\n").gitlink("deps/lib", GITLINK).gitlink("LICENSE", GITLINK));
    repos.root("executables", "executable files are included", module("executables", "1.16")
        .executable("run.sh", "#!/bin/sh\necho hi\n").executable("tool.go", "package tool\n"));
    repos.root("hg-archival", ".hg_archival.txt: root dropped, elsewhere kept",
        module("hg-archival", "1.16")
            .file(".hg_archival.txt", "repo: 0\n").file("sub/.hg_archival.txt", "repo: 1\n"));
    repos.inDir("hg-archival-sub", "sub", "v1.0.0",
        ".hg_archival.txt at a subdirectory module root",
        RepoTree.of().file(".hg_archival.txt", "repo: 0\n")
            .file("sub/go.mod", goMod("hg-archival-sub/sub", "1.16"))
            .file("sub/.hg_archival.txt", "repo: 1\n").file("sub/x/.hg_archival.txt", "repo: 2\n"));
    repos.root("UpperCase", "upper-case module path", module("UpperCase", "1.16")
        .file("Upper.go", "package upper\n"));
  }

  private static void nestedAndVendor(ZipRuleRepos repos) {
    repos.root("nested", "nested modules (go.mod, GO.MOD) are cut out", module("nested", "1.16")
        .file("a.go", "package a\n")
        .file("nested/go.mod", goMod("nested/nested", null)).file("nested/x.go", "package x\n")
        .file("caps/GO.MOD", goMod("nested/caps", null)).file("caps/y.go", "package y\n")
        .file("deep/keep.go", "package deep\n")
        .file("deep/a/go.mod", goMod("nested/deep/a", null)).file("deep/a/b/c.go", "package b\n")
        .file("mixed/Go.Mod", goMod("nested/mixed", null)).file("mixed/z.go", "package z\n"));
    repos.root("vendor-go116", "vendor rules before go 1.24 (go 1.16)",
        vendorTree(module("vendor-go116", "1.16")));
    repos.root("vendor-nogo", "vendor rules without a go line",
        vendorTree(module("vendor-nogo", null)));
  }

  static RepoTree vendorTree(RepoTree tree) {
    return tree.file("vendor/modules.txt", "# example.com/x v1.0.0\n")
        .file("vendor/a.go", "package vendor\n").file("vendor/x/y.go", "package x\n")
        .file("pkg/vendor/v.go", "package vendor\n").file("pkg/vendor/x/y.go", "package x\n")
        .file("notvendor/x.go", "package notvendor\n").file("pkg/vendored/x.go", "package x\n")
        .file("a/vendor", "a file named vendor\n");
  }

  private static void license(ZipRuleRepos repos) {
    repos.inDir("license-sub", "sub", "v1.0.0", "root LICENSE copied into a subdirectory module",
        withRootLicense("license-sub").file("sub/go.mod", goMod("license-sub/sub", "1.16"))
            .file("sub/s.go", "package sub\n"));
    repos.inDir("license-symlink", "sub", "v1.0.0", "a LICENSE symlink suppresses the copy",
        withRootLicense("license-symlink").file("sub/go.mod", goMod("license-symlink/sub", "1.16"))
            .symlink("sub/LICENSE", "../LICENSE"));
    repos.inDir("license-major", "c/v2", "v2.0.0", "root LICENSE copied into c/v2",
        withRootLicense("license-major").file("c/v2/go.mod", goMod("license-major/c/v2", "1.16"))
            .file("c/v2/c.go", "package c\n"));
    repos.inDir("license-raw", "sub", "v1.0.0", "the LICENSE copy is raw, never converted",
        withRootLicense("license-raw").file(".gitattributes", "* eol=crlf\n")
            .file("sub/go.mod", goMod("license-raw/sub", "1.16")));
    repos.brokenInDir("license-lowercase", "sub",
        "a lower-case license file does not suppress the LICENSE copy, which then collides",
        withRootLicense("license-lowercase")
            .file("sub/go.mod", goMod("license-lowercase/sub", "1.16"))
            .file("sub/license", "sub license\n"));
    repos.inDir("license-root-symlink", "sub", "v1.0.0", "a root LICENSE symlink copies its target",
        RepoTree.of().symlink("LICENSE", "LICENSE.md").file("LICENSE.md", "the license\n")
            .file("sub/go.mod", goMod("license-root-symlink/sub", "1.16")));
  }

  private static void unservable(ZipRuleRepos repos) {
    repos.broken("collision", "case-fold collision between files", module("collision", "1.16")
        .file("README", "upper\n").file("readme", "lower\n"));
    repos.broken("collision-dir", "case-fold collision between directories",
        module("collision-dir", "1.16").file("dir/a.go", "package dir\n")
            .file("Dir/b.go", "package dir\n"));
    repos.broken("collision-symlink", "a symlink collides with a file too",
        module("collision-symlink", "1.16").file("README", "x\n").symlink("readme", "README"));
    repos.broken("invalid-name", "invalid file name", module("invalid-name", "1.16")
        .file("a:b.txt", "colon\n"));
    repos.broken("gomod-case", "Go.mod at the root", RepoTree.of()
        .file("Go.mod", goMod("gomod-case", "1.16")).file("a.go", "package a\n"));
    repos.broken("gomod-too-large", "go.mod larger than 16 MiB", RepoTree.of()
        .file("go.mod", goMod("gomod-too-large", "1.16") + "//" + " ".repeat(16 << 20) + "\n"));
    repos.broken("encoding-set", "working-tree-encoding without a value fails git archive",
        module("encoding-set", "1.16").file(".gitattributes", "a.txt working-tree-encoding\n")
            .file("a.txt", "a\n"));
  }

  private static RepoTree module(String name, String goVersion) {
    return RepoTree.of().file("go.mod", goMod(name, goVersion));
  }

  private static RepoTree withRootLicense(String name) {
    return RepoTree.of().file("LICENSE", "root license\n").file("go.mod", goMod(name, "1.16"));
  }
}
