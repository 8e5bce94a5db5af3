package io.goproxymirror.mirror;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout rules every module keeps: no package cycles, one-way module dependencies (gomod &lt;
 * config &lt; sync-worker &lt; mirror), storage independent of fetching, and packages and files small
 * enough to read.
 */
class StructureTest {
  private static final int MAX_FILES_PER_PACKAGE = 30;
  private static final int MAX_LINES_PER_FILE = 300;
  private static final Pattern INLINE_NAME = Pattern.compile("\\bio\\.goproxymirror\\.");
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.goproxymirror");
    assertThat(classes.size()).as("main classes found").isGreaterThan(300);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.goproxymirror.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void storageImportsNothingFromFetching() {
    noClasses().that().resideInAPackage("io.goproxymirror.mirror.store..")
        .should().dependOnClassesThat().resideInAPackage("io.goproxymirror.mirror.fetch..")
        .check(classes);
  }

  @Test
  void modulesDependOneWay() {
    noClasses().that().resideInAPackage("io.goproxymirror.gomod..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.goproxymirror.config..", "io.goproxymirror.sync..", "io.goproxymirror.mirror..")
        .check(classes);
    noClasses().that().resideInAPackage("io.goproxymirror.config..")
        .should().dependOnClassesThat().resideInAnyPackage("io.goproxymirror.sync..", "io.goproxymirror.mirror..")
        .check(classes);
    noClasses().that().resideInAPackage("io.goproxymirror.sync..")
        .should().dependOnClassesThat().resideInAPackage("io.goproxymirror.mirror..")
        .check(classes);
  }

  @Test
  void noPackageHoldsMoreThanThirtyFiles() {
    Map<Path, Long> perPackage = mainSources().stream()
        .filter(file -> !file.getFileName().toString().equals("package-info.java"))
        .collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.counting()));
    assertThat(perPackage).isNotEmpty();
    assertThat(perPackage.entrySet().stream().filter(e -> e.getValue() > MAX_FILES_PER_PACKAGE).toList())
        .as("packages over %d main files", MAX_FILES_PER_PACKAGE)
        .isEmpty();
  }

  @Test
  void noFileExceedsThreeHundredLines() {
    List<String> tooLong = mainSources().stream()
        .filter(file -> lines(file).size() > MAX_LINES_PER_FILE)
        .map(file -> file + " (" + lines(file).size() + " lines)")
        .toList();
    assertThat(tooLong).as("main files over %d lines", MAX_LINES_PER_FILE).isEmpty();
  }

  @Test
  void projectNamesAreImportedNotWrittenInline() {
    List<String> inline = mainSources().stream()
        .flatMap(file -> {
          List<String> lines = lines(file);
          return Stream.iterate(0, i -> i < lines.size(), i -> i + 1)
              .filter(i -> INLINE_NAME.matcher(lines.get(i)).find())
              .filter(i -> !lines.get(i).startsWith("import ") && !lines.get(i).startsWith("package "))
              .map(i -> file + ":" + (i + 1));
        })
        .toList();
    assertThat(inline).as("fully qualified project names outside import lines").isEmpty();
  }

  /** Every main source file of every module (the tests run in the mirror module's directory). */
  private static List<Path> mainSources() {
    try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
      List<Path> roots = modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).toList();
      assertThat(roots).as("module source roots").hasSizeGreaterThanOrEqualTo(3);
      return roots.stream().flatMap(StructureTest::javaFiles).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
