package io.goproxymirror.mirror.modzip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModuleZipVerifierTest {
  private static final String MODULE = "example.com/m";
  private static final String VERSION = "v1.0.0";
  private static final String PREFIX = MODULE + "@" + VERSION + "/";
  private static final String WORKED_EXAMPLE_H1 = "h1:27jEjbIm8Qu4voLILwn0owglL+7/L3cr62JCzbAOhAI=";

  @TempDir Path dir;

  private Path zip() {
    return dir.resolve("m.zip");
  }

  private static ZipFixture workedExample() {
    return new ZipFixture()
        .file(PREFIX + "go.mod", "module example.com/m\n\ngo 1.21\n")
        .file(PREFIX + "a.go", "package m\n")
        .file(PREFIX + "LICENSE", "MIT\n");
  }

  private ZipSummary verify(ZipFixture fixture) throws Exception {
    return ModuleZipVerifier.verify(fixture.writeTo(zip()), MODULE, VERSION);
  }

  private void assertRejected(ZipFixture fixture, String reason) throws IOException {
    Path zip = fixture.writeTo(zip());
    assertRejected(zip, reason);
  }

  private static void assertRejected(Path zip, String reason) {
    assertThatThrownBy(() -> ModuleZipVerifier.verify(zip, MODULE, VERSION))
        .isInstanceOf(InvalidModuleZipException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  @DisplayName("accepts the PROTOCOL §4.5 worked example and reproduces its h1")
  void acceptsWorkedExample() throws Exception {
    ZipSummary summary = verify(workedExample());
    assertThat(summary.h1()).isEqualTo(WORKED_EXAMPLE_H1);
    assertThat(summary.entries()).isEqualTo(3);
    assertThat(summary.uncompressedSize()).isEqualTo(30 + 10 + 4);
    assertThat(summary.zipSize()).isEqualTo(Files.size(zip()));
  }

  @Test
  @DisplayName("the h1 ignores entry order and compression method")
  void hashIgnoresOrderAndMethod() throws Exception {
    ZipFixture reordered = new ZipFixture()
        .storedFile(PREFIX + "LICENSE", "MIT\n")
        .file(PREFIX + "a.go", "package m\n")
        .storedFile(PREFIX + "go.mod", "module example.com/m\n\ngo 1.21\n");
    assertThat(verify(reordered).h1()).isEqualTo(WORKED_EXAMPLE_H1);
  }

  @Test
  @DisplayName("allows directory entries and includes them in the hash")
  void directoryEntriesAreHashed() throws Exception {
    ZipFixture withDirs = workedExample().dir(PREFIX).dir(PREFIX + "sub/").file(PREFIX + "sub/b.go", "package sub\n");
    ZipSummary summary = verify(withDirs);
    assertThat(summary.entries()).isEqualTo(6);
    byte[] empty = DirHashTest.sha256(new byte[0]);
    assertThat(summary.h1()).isEqualTo(DirHash.hash1(List.of(
        new HashedFile(PREFIX + "go.mod", DirHashTest.sha256("module example.com/m\n\ngo 1.21\n")),
        new HashedFile(PREFIX + "a.go", DirHashTest.sha256("package m\n")),
        new HashedFile(PREFIX + "LICENSE", DirHashTest.sha256("MIT\n")),
        new HashedFile(PREFIX, empty),
        new HashedFile(PREFIX + "sub/", empty),
        new HashedFile(PREFIX + "sub/b.go", DirHashTest.sha256("package sub\n")))));
    assertThat(summary.h1()).isNotEqualTo(WORKED_EXAMPLE_H1);
  }

  @Test
  @DisplayName("accepts Unicode letters, punctuation, nested files and go.mod-less zips")
  void acceptsUnusualButValidNames() throws Exception {
    ZipFixture fixture = new ZipFixture()
        .file(PREFIX + "é.txt", "e\n")
        .file(PREFIX + "日本/語.go", "package x\n")
        .file(PREFIX + ".gitignore", "*\n")
        .file(PREFIX + "a b/#c$[d]{e}@f+g,h=i~j.txt", "x")
        .file(PREFIX + "sub/LICENSE", "x");
    assertThat(verify(fixture).entries()).isEqualTo(5);
  }

  @Test
  @DisplayName("verifies a major-version module with an upper-case path and +incompatible")
  void upperCaseAndIncompatible() throws Exception {
    Path zip = new ZipFixture()
        .file("github.com/Azure/x@v2.0.0+incompatible/a.go", "package x\n")
        .writeTo(zip());
    assertThat(ModuleZipVerifier.verify(zip, "github.com/Azure/x", "v2.0.0+incompatible").entries())
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects entries outside the module@version/ prefix")
  @ValueSource(strings = {
      "example.com/other@v1.0.0/a.go", "example.com/m@v1.0.1/a.go", "a.go",
      "/example.com/m@v1.0.0/a.go", "example.com/m@v1.0.0", "Example.com/m@v1.0.0/a.go",
      "example.com/m@v1.0.0a.go"})
  void rejectsEntriesOutsidePrefix(String name) throws Exception {
    assertRejected(workedExample().file(name, "x"), "path does not have prefix");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects unclean paths: dot-dot, dot, empty elements and absolute paths")
  @ValueSource(strings = {
      PREFIX + "../a.go", PREFIX + "sub/../../a.go", PREFIX + "./a.go", PREFIX + "sub/./a.go",
      PREFIX + "/a.go", PREFIX + "sub//a.go", PREFIX + "sub//", PREFIX + "..", PREFIX + "../"})
  void rejectsUncleanPaths(String name) throws Exception {
    assertRejected(workedExample().file(name, "x"), "not clean");
  }

  @Test
  @DisplayName("rejects the same file twice")
  void rejectsDuplicates() throws Exception {
    Path zip = workedExample()
        .file(PREFIX + "dupA.txt", "hello")
        .file(PREFIX + "dupB.txt", "world")
        .writeTo(zip());
    ZipFixture.replaceBytes(zip, "dupB", "dupA");
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertThat(z.size()).isEqualTo(5);
    }
    assertRejected(zip, "multiple entries for file");
  }

  @Test
  @DisplayName("rejects files whose names differ only in case")
  void rejectsCaseFoldFileCollision() throws Exception {
    assertRejected(workedExample().file(PREFIX + "README", "a").file(PREFIX + "readme", "b"),
        "case-insensitive file name collision");
  }

  @Test
  @DisplayName("rejects directories whose names differ only in case")
  void rejectsCaseFoldDirectoryCollision() throws Exception {
    assertRejected(workedExample().file(PREFIX + "dir/a.go", "a").file(PREFIX + "Dir/b.go", "b"),
        "case-insensitive file name collision");
    assertRejected(workedExample().dir(PREFIX + "dir/").dir(PREFIX + "Dir/"),
        "case-insensitive file name collision");
  }

  @Test
  @DisplayName("rejects collisions under Unicode simple folding (Kelvin sign and K)")
  void rejectsUnicodeFoldCollision() throws Exception {
    assertRejected(workedExample().file(PREFIX + "K.txt", "a").file(PREFIX + "\u212A.txt", "b"),
        "case-insensitive file name collision");
  }

  @Test
  @DisplayName("rejects a path that is both a file and a directory")
  void rejectsFileAndDirectory() throws Exception {
    assertRejected(workedExample().file(PREFIX + "x", "a").file(PREFIX + "x/y", "b"),
        "both a file and a directory");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects go.mod spelled in another case at the root")
  @ValueSource(strings = {"Go.mod", "GO.MOD", "go.MOD"})
  void rejectsGoModCase(String name) throws Exception {
    Path zip = new ZipFixture().file(PREFIX + name, "module example.com/m\n").writeTo(zip());
    assertRejected(zip, "go.mod files must have lowercase names");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects go.mod files below the root, as x/mod CheckZip does")
  @ValueSource(strings = {"sub/go.mod", "sub/GO.MOD", "a/b/go.mod"})
  void rejectsNestedGoMod(String name) throws Exception {
    assertRejected(workedExample().file(PREFIX + name, "module example.com/m/sub\n"),
        "go.mod file not in module root directory");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @DisplayName("rejects file names the go command refuses")
  @ValueSource(strings = {"a:b.txt", "a*b", "con.txt", "sub/aux.go", "a\"b", "x.", "\u0661.txt"})
  void rejectsInvalidFileNames(String name) throws Exception {
    assertRejected(workedExample().file(PREFIX + name, "x"), "malformed file path");
  }

  @Test
  @DisplayName("rejects names containing a newline")
  void rejectsNewlineInName() throws Exception {
    assertRejected(workedExample().file(PREFIX + "a\nb", "x"), "newline");
  }

  @Test
  @DisplayName("rejects entry names that are not valid UTF-8")
  void rejectsNonUtf8Names() throws Exception {
    Path zip = workedExample().file(PREFIX + "BADX.txt", "x").writeTo(zip());
    ZipFixture.replaceBytes(zip, new byte[] {'B', 'A', 'D', 'X'}, new byte[] {(byte) 0xff, 'A', 'D', 'X'});
    assertThatThrownBy(() -> ModuleZipVerifier.verify(zip, MODULE, VERSION))
        .isInstanceOf(InvalidModuleZipException.class);
  }

  @Test
  @DisplayName("rejects a truncated zip file")
  void rejectsTruncatedZip() throws Exception {
    Path zip = workedExample().writeTo(zip());
    byte[] data = Files.readAllBytes(zip);
    Files.write(zip, Arrays.copyOf(data, data.length / 2));
    assertRejected(zip, "corrupt zip file");
  }

  @Test
  @DisplayName("rejects a zip whose entry data is cut short while its directory is intact")
  void rejectsCorruptEntryData() throws Exception {
    Path zip = new ZipFixture()
        .file(PREFIX + "a.go", "package m\n".repeat(1000) + "// end\n")
        .writeTo(zip());
    byte[] data = Files.readAllBytes(zip);
    for (int i = 60; i < 80; i++) {
      data[i] ^= (byte) 0x5a;
    }
    Files.write(zip, data);
    assertThatThrownBy(() -> ModuleZipVerifier.verify(zip, MODULE, VERSION))
        .isInstanceOf(InvalidModuleZipException.class);
  }

  @Test
  @DisplayName("rejects a file that is not a zip")
  void rejectsNonZip() throws Exception {
    Files.writeString(zip(), "<html>not found</html>");
    assertRejected(zip(), "corrupt zip file");
  }

  @Test
  @DisplayName("rejects an entry larger than its declared size without reading it all")
  void rejectsEntryLargerThanDeclared() throws Exception {
    Path zip = workedExample().zeros(PREFIX + "bomb.bin", 8L << 20).writeTo(zip());
    ZipFixture.patchCentralDirectory(zip, PREFIX + "bomb.bin", ZipFixture.CEN_UNCOMPRESSED_SIZE, 10);
    assertRejected(zip, "larger than declared size");
  }

  @Test
  @DisplayName("rejects an entry smaller than its declared size")
  void rejectsEntrySmallerThanDeclared() throws Exception {
    Path zip = workedExample().writeTo(zip());
    ZipFixture.patchCentralDirectory(zip, PREFIX + "a.go", ZipFixture.CEN_UNCOMPRESSED_SIZE, 11);
    assertRejected(zip, "differs from declared size");
  }

  @Test
  @DisplayName("rejects a CRC-32 mismatch")
  void rejectsCrcMismatch() throws Exception {
    Path zip = workedExample().writeTo(zip());
    ZipFixture.patchCentralDirectory(zip, PREFIX + "a.go", ZipFixture.CEN_CRC, 0x12345678);
    assertRejected(zip, "CRC-32");
  }

  @Test
  @DisplayName("rejects a go.mod over 16 MiB before reading it")
  void rejectsOversizeGoMod() throws Exception {
    assertRejected(new ZipFixture().zeros(PREFIX + "go.mod", (16L << 20) + 1),
        "go.mod file too large");
  }

  @Test
  @DisplayName("rejects a root LICENSE over 16 MiB, declared without the bytes")
  void rejectsOversizeLicense() throws Exception {
    Path zip = workedExample().writeTo(zip());
    ZipFixture.patchCentralDirectory(zip, PREFIX + "LICENSE", ZipFixture.CEN_UNCOMPRESSED_SIZE,
        (16L << 20) + 1);
    assertRejected(zip, "LICENSE file too large");
  }

  @Test
  @DisplayName("rejects a declared total uncompressed size over 500 MiB before reading")
  void rejectsOversizeTotal() throws Exception {
    Path zip = workedExample().file(PREFIX + "big.bin", "x").writeTo(zip());
    ZipFixture.patchCentralDirectory(zip, PREFIX + "big.bin", ZipFixture.CEN_UNCOMPRESSED_SIZE,
        500L << 20);
    assertRejected(zip, "total uncompressed size of module contents too large");
  }

  @Test
  @DisplayName("rejects a zip file over 500 MiB before opening it")
  void rejectsOversizeZipFile() throws Exception {
    try (RandomAccessFile sparse = new RandomAccessFile(zip().toFile(), "rw")) {
      sparse.setLength((500L << 20) + 1);
    }
    assertRejected(zip(), "module zip file is too large");
  }

  @Test
  @DisplayName("rejects non-canonical versions and module/version mismatches")
  void rejectsBadModuleVersion() throws Exception {
    Path zip = workedExample().writeTo(zip());
    assertThatThrownBy(() -> ModuleZipVerifier.verify(zip, MODULE, "v1.0"))
        .isInstanceOf(InvalidModuleZipException.class).hasMessageContaining("not canonical");
    assertThatThrownBy(() -> ModuleZipVerifier.verify(zip, MODULE, "v2.0.0"))
        .isInstanceOf(InvalidModuleZipException.class).hasMessageContaining("should be v0 or v1");
    assertThatThrownBy(() -> ModuleZipVerifier.verify(zip, "example.com/v1", VERSION))
        .isInstanceOf(InvalidModuleZipException.class).hasMessageContaining("malformed module path");
  }

  @Test
  @DisplayName("reports a missing file as an I/O failure, not as an invalid zip")
  void missingFileIsAnIoFailure() {
    assertThatThrownBy(() -> ModuleZipVerifier.verify(dir.resolve("absent.zip"), MODULE, VERSION))
        .isInstanceOf(UncheckedIOException.class);
  }
}
