package io.goproxymirror.config.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.value.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("WatchList")
class WatchListTest {

  private static final Path FILE = Path.of("/etc/mirror/watchlist.yaml");
  private static final String LABEL = "config error: sync.watchlist (/etc/mirror/watchlist.yaml): ";

  private static WatchList parse(String yaml) {
    return WatchList.parse(yaml.getBytes(StandardCharsets.UTF_8), FILE);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> parsing(String yaml) {
    return assertThatThrownBy(() -> parse(yaml))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith(LABEL).doesNotContain("\n"));
  }

  @Nested
  @DisplayName("reads")
  class Reading {

    @Test
    @DisplayName("every key of an entry, keeping file order")
    void everyKey() {
      WatchList list =
          parse(
              "modules:\n"
                  + "  - path: github.com/spf13/cobra\n"
                  + "    versions: \">= v1.7.0\"\n"
                  + "  - path: github.com/acme/*\n"
                  + "    versions: latest 5\n"
                  + "    prerelease: true\n"
                  + "  - {path: git.corp.example.com/team/*/, versions: all, poll: 5m, prerelease: false}\n");

      assertThat(list.entries())
          .containsExactly(
              new WatchEntry("github.com/spf13/cobra", VersionPolicy.parse(">= v1.7.0", false), Optional.empty()),
              new WatchEntry("github.com/acme/*", VersionPolicy.parse("latest 5", true), Optional.empty()),
              new WatchEntry(
                  "git.corp.example.com/team/*", VersionPolicy.parse("all", false), Optional.of(Duration.ofMinutes(5))));
      assertThat(list.size()).isEqualTo(3);
      assertThat(list.entries().get(2).path()).isEqualTo("git.corp.example.com/team/*");
      assertThat(list.entries().get(2).isGlob()).isTrue();
      assertThat(list.entries().get(0).isGlob()).isFalse();
      assertThat(list.entries().get(0).pollOr(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
      assertThat(list.entries().get(2).pollOr(Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    @DisplayName("an empty list written as modules: []")
    void emptyList() {
      assertThat(parse("modules: []\n")).isEqualTo(WatchList.empty());
      assertThat(WatchList.empty().isEmpty()).isTrue();
      assertThat(WatchList.empty().entryFor("github.com/a/b")).isEmpty();
    }

    @Test
    @DisplayName("the example file, which documents every key")
    void example() throws IOException {
      Path example = Path.of("examples", "watchlist.yaml");
      WatchList list = WatchList.load(example);
      String text = Files.readString(example);

      assertThat(list.size()).isEqualTo(6);
      for (String field : WatchListFile.FIELDS) {
        assertThat(text).contains("#   " + field).containsPattern("\n +(- )?" + field + ":");
      }
      assertThat(list.entryFor("github.com/acme/widgets").orElseThrow().versions())
          .isEqualTo(VersionPolicy.parse("latest 5", false));
      assertThat(list.entryFor("git.corp.example.com/team/svc").orElseThrow().poll())
          .contains(Duration.ofMinutes(5));
      assertThat(list.admits("github.com/spf13/cobra", "v1.8.0", List.of())).isTrue();
      assertThat(list.admits("github.com/spf13/cobra", "v1.6.0", List.of())).isFalse();
      assertThat(list.admits("github.com/other/cobra", "v1.8.0", List.of())).isFalse();
    }
  }

  @Nested
  @DisplayName("matches")
  class Matching {

    private final WatchList list =
        parse(
            "modules:\n"
                + "  - {path: github.com/acme/special, versions: all}\n"
                + "  - {path: github.com/acme/*, versions: latest 2}\n"
                + "  - {path: github.com/*/tools, versions: \">= v1.0.0\"}\n"
                + "  - {path: \"*.corp.example.com\", versions: latest}\n");

    @ParameterizedTest(name = "{0} by entry {1}")
    @CsvSource({
      "github.com/acme/special, 0",
      "github.com/acme/special/v2, 0",
      "github.com/acme/special/sub/module, 0",
      "github.com/acme/specialist, 1",
      "github.com/acme/widgets, 1",
      "github.com/acme/tools, 1",
      "github.com/other/tools, 2",
      "github.com/other/tools/v3, 2",
      "git.corp.example.com/team/x, 3",
      "corp.example.com/x, -1",
      "github.com/acme, -1",
      "github.com/other/toolsmith, -1",
      "gitlab.com/acme/special, -1",
    })
    void firstMatchWins(String module, int index) {
      Optional<WatchEntry> entry = list.entryFor(module);
      if (index < 0) {
        assertThat(entry).isEmpty();
      } else {
        assertThat(entry).containsSame(list.entries().get(index));
      }
    }

    @Test
    @DisplayName("the first matching entry's policy decides, even when a later one would admit")
    void policyOfFirstMatch() {
      WatchList ordered =
          parse(
              "modules:\n"
                  + "  - {path: github.com/acme/old, versions: \"< v1.0.0\"}\n"
                  + "  - {path: github.com/acme/*, versions: all}\n");
      assertThat(ordered.admits("github.com/acme/old", "v1.2.0", List.of())).isFalse();
      assertThat(ordered.admits("github.com/acme/old", "v0.9.0", List.of())).isTrue();
      assertThat(ordered.admits("github.com/acme/new", "v1.2.0", List.of())).isTrue();
    }
  }

  @Nested
  @DisplayName("rejects, naming the file, entry and key")
  class Errors {

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "'' | the file is empty; write \"modules: []\" for an empty watch list",
          "'# only a comment\\n' | the file is empty; write \"modules: []\" for an empty watch list",
          "modules: | modules: no value (line 1); write \"modules: []\" for an empty watch list",
          "modules: github.com/a/b | modules: expected a list of entries with keys path, versions, prerelease,"
              + " poll, found a value",
          "modules:\\n  path: github.com/a/b | modules: expected a list of entries with keys path, versions,"
              + " prerelease, poll, found a mapping",
          "module:\\n  - {path: a.com/b, versions: all} | unknown key \"module\" (did you mean \"modules\"?)",
          "watch: [] | unknown key \"watch\" (the only top-level key is modules)",
          "- a.com/b | the top level must be a mapping of keys",
          "modules:\\n  - a.com/b | modules[0]: expected a mapping with keys path, versions, prerelease, poll,"
              + " found a value (line 2)",
          "modules:\\n  -\\n | modules[0]: expected a mapping with keys path, versions, prerelease, poll,"
              + " found nothing (line 2)",
          "modules:\\n  - [a.com/b] | modules[0]: expected a mapping with keys path, versions, prerelease, poll,"
              + " found a list",
          "modules:\\n  - {versions: all} | modules[0].path: missing (each entry needs path and versions)",
          "modules:\\n  - {path: a.com/b} | modules[0].versions: missing (each entry needs path and versions)",
          "modules:\\n  - {path: a.com/b, versions: all}\\n  - {path: c.com/d, version: all} | unknown key"
              + " \"modules[1].version\" (did you mean \"modules[1].versions\"?)",
          "modules:\\n  - {path: a.com/b, versions: all, prerelase: true} | unknown key"
              + " \"modules[0].prerelase\" (did you mean \"modules[0].prerelease\"?)",
          "modules:\\n  - {path: a.com/b, versions: all, interval: 5m} | unknown key \"modules[0].interval\""
              + " (keys of watch-list entries: path, versions, prerelease, poll)",
          "modules:\\n  - {path: '', versions: all} | modules[0].path: must not be empty",
          "modules:\\n  - {path: a.com/b, versions:} | modules[0].versions: no value (line 2)",
          "modules:\\n  - {path: a.com/b, versions: all, poll:} | modules[0].poll: no value (line 2); remove the"
              + " key to use the default",
          "modules:\\n  - {path: [a.com/b], versions: all} | modules[0].path: expected a single value, found a list",
          "modules:\\n  - {path: a.com/b, versions: {min: v1}} | modules[0].versions: expected a single value,"
              + " found a mapping",
          "modules:\\n  - {path: 'a.com/b, c.com/d', versions: all} | modules[0].path: one module path or glob"
              + " per entry, without commas",
          "modules:\\n  - {path: 'a.com/[b', versions: all} | modules[0].path: invalid pattern \"a.com/[b\":"
              + " unterminated character class (missing ])",
          "modules:\\n  - {path: a.com/b c, versions: all} | modules[0].path: invalid pattern \"a.com/b c\":"
              + " contains white space",
          "modules:\\n  - {path: a.com/b, versions: lastest 3} | modules[0].versions: unknown version policy"
              + " \"lastest 3\" (use all, latest, \"latest N\" or a range",
          "modules:\\n  - {path: a.com/b, versions: latest 0} | modules[0].versions: \"latest 0\": N of"
              + " \"latest N\" must be a whole number from 1 to 1000",
          "modules:\\n  - {path: a.com/b, versions: '>= 1.7'} | modules[0].versions: range \">= 1.7\": \"1.7\""
              + " is not a semantic version such as v1.7.0",
          "modules:\\n  - {path: a.com/b, versions: all, prerelease: yes} | modules[0].prerelease: must be true"
              + " or false; got \"yes\"",
          "modules:\\n  - {path: a.com/b, versions: all, poll: 5} | modules[0].poll: invalid duration \"5\":"
              + " a bare number is ambiguous",
          "modules:\\n  - {path: a.com/b, versions: all, poll: 0s} | modules[0].poll: must be a positive duration",
          "modules:\\n  - {path: a.com/b, versions: all, poll: 500ms} | modules[0].poll: must be at least 1s,"
              + " got \"500ms\"",
          "modules:\\n  - {path: a.com/b, versions: all, path: c.com/d} | modules[0].path: duplicate key (lines 2"
              + " and 2)",
          "modules:\\n  - {path: a.com/b, versions: all}\\n  - {path: a.com/b, versions: latest} |"
              + " modules[1].path: never used: modules[0] (\"a.com/b\") comes first and matches every module"
              + " this entry matches; put the more specific entry first",
          "modules:\\n  - {path: a.com/*, versions: all}\\n  - {path: a.com/b/v2, versions: latest} |"
              + " modules[1].path: never used: modules[0] (\"a.com/*\") comes first",
          "modules:\\n  - {path: a.com/b, versions: all}\\n  - {path: a.com/b/v2, versions: latest} |"
              + " modules[1].path: never used: modules[0] (\"a.com/b\") comes first",
          "modules: [\\n | malformed YAML at line 2",
          "modules:\\n  - path: a.com/b\\n    versions: >= v1.7.0\\n    poll: 5m | malformed YAML at line 3, column"
              + " 16: expected chomping or indentation indicators, but found =(61) (while scanning a block scalar"
              + " at line 3, column 15); a leading > or | starts a YAML block, so quote ranges: versions:"
              + " \">= v1.7.0\"",
        })
    void errors(String yaml, String message) {
      parsing(yaml.replace("\\n", "\n")).hasMessageStartingWith(LABEL + message);
    }

    @Test
    @DisplayName("a file that is not UTF-8, a directory, or missing")
    void files(@TempDir Path dir) throws IOException {
      Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'m', ':', ' ', (byte) 0xe9, '\n'});
      Path missing = dir.resolve("missing.yaml");
      assertThatThrownBy(() -> WatchList.load(latin1))
          .hasMessage("config error: sync.watchlist (" + latin1 + "): not valid UTF-8");
      assertThatThrownBy(() -> WatchList.load(dir))
          .hasMessage("config error: sync.watchlist (" + dir + "): is a directory, not a file");
      assertThatThrownBy(() -> WatchList.load(missing))
          .hasMessage("config error: sync.watchlist (" + missing + "): file not found");
    }

    @Test
    @DisplayName("accepts a glob that only partly overlaps an earlier one, and a specific entry before a glob")
    void orderAllowed() {
      WatchList list =
          parse(
              "modules:\n"
                  + "  - {path: github.com/acme/tools, versions: all}\n"
                  + "  - {path: github.com/acme/*, versions: latest}\n"
                  + "  - {path: github.com/*/tools, versions: latest}\n");
      assertThat(list.size()).isEqualTo(3);
    }
  }
}
