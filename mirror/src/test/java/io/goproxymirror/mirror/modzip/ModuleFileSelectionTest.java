package io.goproxymirror.mirror.modzip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("ModuleFileSelection applies x/mod's file rules to a module directory")
class ModuleFileSelectionTest {

  @ParameterizedTest(name = "{0}: old rules {1}, go 1.24 rules {2}")
  @CsvSource({
      // The table of golang/mod zip/vendor_test.go (TestIsVendoredPackage).
      "vendor/foo/foo.go, true, true",
      "pkg/vendor/foo/foo.go, true, true",
      "longpackagename/vendor/foo/foo.go, true, true",
      "vendor/vendor.go, false, false",
      "vendor/foo/modules.txt, true, true",
      "modules.txt, false, false",
      "vendor/amodules.txt, false, false",
      "vendor/modules.txt, false, true",
      // golang/go#37397: before go 1.24 the nested check starts at byte 8 of the whole path.
      "pkg/vendor/vendor.go, true, false",
      "longpackagename/vendor/vendor.go, true, false",
      "sub/vendor/sub.txt, true, false",
      "a/vendor, false, false",
      "notvendor/x.go, false, false",
  })
  @DisplayName("leaves out vendored packages by the rules of the root go.mod's go version")
  void vendorRules(String path, boolean oldRules, boolean newRules) {
    assertThat(ModuleFileSelection.isVendored(path, false)).isEqualTo(oldRules);
    assertThat(ModuleFileSelection.isVendored(path, true)).isEqualTo(newRules);
  }

  @ParameterizedTest(name = "go {0} → go 1.24 rules: {1}")
  @CsvSource({
      "1.16, false", "1.23, false", "1.23.9, false", "1.2, false", "1.24, true", "1.24.0, true",
      "1.24rc1, true", "1.25, true", "1.100, true", "2.0, true",
  })
  @DisplayName("uses the go 1.24 vendor rules from language version 1.24 on")
  void languageVersion(String version, boolean newRules) {
    assertThat(ModuleFileSelection.usesNewVendorRules(Optional.of(version))).isEqualTo(newRules);
  }

  @Test
  @DisplayName("uses the old vendor rules when go.mod has no go line")
  void noGoLine() {
    assertThat(ModuleFileSelection.usesNewVendorRules(Optional.empty())).isFalse();
  }

  @Test
  @DisplayName("keeps exactly the files of the golang/mod exclude_vendor_go124 vector under go 1.24")
  void go124Vector() throws Exception {
    List<SourceFile> files = regular("go.mod", "vendor/modules.txt", "vendor/example.com/x/x.go",
        "sub/vendor/sub.txt", "pkg/vendor/vendor.go");

    assertThat(paths(select(files, true)))
        .containsExactly("go.mod", "sub/vendor/sub.txt", "pkg/vendor/vendor.go");
    assertThat(paths(select(files, false))).containsExactly("go.mod", "vendor/modules.txt");
  }

  @Test
  @DisplayName("cuts out nested modules marked by a regular go.mod in any case, not by a symlink")
  void nestedModules() throws Exception {
    List<SourceFile> files = List.of(SourceFile.regular("go.mod"), SourceFile.regular("a.go"),
        SourceFile.regular("n/go.mod"), SourceFile.regular("n/deep/x.go"),
        SourceFile.regular("caps/GO.MOD"), SourceFile.regular("caps/y.go"),
        SourceFile.symlink("link/go.mod"), SourceFile.regular("link/z.go"),
        SourceFile.regular("nested.go"));

    assertThat(paths(select(files, false)))
        .containsExactly("go.mod", "a.go", "link/z.go", "nested.go");
  }

  @Test
  @DisplayName("drops symlinks and a root .hg_archival.txt, keeps .hg_archival.txt elsewhere")
  void symlinksAndHgArchival() throws Exception {
    List<SourceFile> files = List.of(SourceFile.regular(".hg_archival.txt"),
        SourceFile.regular("sub/.hg_archival.txt"), SourceFile.symlink("link.go"),
        SourceFile.regular("a.go"));

    assertThat(paths(select(files, false))).containsExactly("sub/.hg_archival.txt", "a.go");
  }

  @Test
  @DisplayName("fails on collisions, including with symlinks and implied directories")
  void collisions() {
    assertInvalid(List.of(SourceFile.regular("README"), SourceFile.symlink("readme")),
        "case-insensitive file name collision: \"README\" and \"readme\"");
    assertInvalid(regular("dir/a.go", "Dir/b.go"), "case-insensitive file name collision");
    assertInvalid(regular("a", "a/b"), "is both a file and a directory");
    assertInvalid(regular("a.go", "a.go"), "multiple entries for file \"a.go\"");
  }

  @Test
  @DisplayName("fails on invalid names, Go.mod at the root and invalid UTF-8")
  void invalidNames() {
    assertInvalid(regular("a:b.txt"), "invalid char ':'");
    assertInvalid(regular("aux.go"), "disallowed as path element component on Windows");
    assertInvalid(regular("Go.mod"), "go.mod files must have lowercase names");
    assertInvalid(List.of(new SourceFile("bad\uFFFD.go", false, false)), "invalid UTF-8");
    assertInvalid(regular("a//b"), "file path is not clean");
    assertInvalid(regular("/a"), "file path is not relative");
  }

  @Test
  @DisplayName("does not check names in omitted directories")
  void omittedNamesAreNotChecked() throws Exception {
    List<SourceFile> files = regular("vendor/x/a:b.go", "n/go.mod", "n/aux.go", "ok.go");

    assertThat(paths(select(files, false))).containsExactly("ok.go");
  }

  private static List<SourceFile> select(List<SourceFile> files, boolean newRules)
      throws InvalidModuleZipException {
    return ModuleFileSelection.select(files, Function.identity(), newRules);
  }

  private static void assertInvalid(List<SourceFile> files, String reason) {
    assertThatThrownBy(() -> select(files, false))
        .isInstanceOf(InvalidModuleZipException.class)
        .hasMessageStartingWith("create zip: ")
        .hasMessageContaining(reason);
  }

  private static List<SourceFile> regular(String... paths) {
    return Arrays.stream(paths).map(SourceFile::regular).toList();
  }

  private static List<String> paths(List<SourceFile> files) {
    return files.stream().map(SourceFile::path).toList();
  }
}
