package io.goproxymirror.config.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("git.* validation")
class GitValidationTest {

  @TempDir Path dir;

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) {
    Path file = ConfigFiles.write(dir, yaml);
    return assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("config error: ").doesNotContain("\n"));
  }

  /** A git section with one list holding the given entries, written as YAML flow mappings. */
  private static String list(String key, String... entries) {
    StringBuilder yaml = new StringBuilder("git:\n  " + key + ":\n");
    for (String entry : entries) {
      yaml.append("    - {").append(entry).append("}\n");
    }
    return yaml.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "workers: 0 | config error: git.workers: must be between 1 and 64, got 0",
        "workers: 65 | config error: git.workers: must be between 1 and 64, got 65",
        "queue: 0 | config error: git.queue: must be at least 1, got 0",
        "connect-timeout: 0s | config error: git.connect-timeout: must be a positive duration",
        "idle-timeout: 60 | config error: git.idle-timeout: invalid duration \"60\"",
        "total-timeout: -1m | config error: git.total-timeout: must be a positive duration",
        "refs-ttl: soon | config error: git.refs-ttl: invalid duration \"soon\"",
      })
  @DisplayName("checks the scalar keys")
  void scalars(String setting, String message) {
    loading("git:\n  " + setting + "\n").hasMessageStartingWith(message);
  }

  @Nested
  @DisplayName("of the lists' shape")
  class Shape {

    @Test
    @DisplayName("wants a list of mappings")
    void listOfMappings() {
      loading("git:\n  rewrites: https://a/\n")
          .hasMessage(
              "config error: git.rewrites: expected a list of mappings with keys from, to, found a value");
      loading("git:\n  repositories:\n    prefix: a/\n")
          .hasMessage(
              "config error: git.repositories: expected a list of mappings with keys prefix, url,"
                  + " elements, found a mapping");
      loading("git:\n  rewrites:\n")
          .hasMessage(
              "config error: git.rewrites: no value (line 2); remove the key to use the default");
      loading("git:\n  rewrites:\n    - {from: https://a/, to: https://b/}\n    - https://c/\n")
          .hasMessage(
              "config error: git.rewrites[1]: expected a mapping with keys from, to, found a value");
      loading("git:\n  rewrites:\n    - [https://a/, https://b/]\n")
          .hasMessage(
              "config error: git.rewrites[0]: expected a mapping with keys from, to, found a list");
      loading("git:\n  rewrites:\n    -\n")
          .hasMessage(
              "config error: git.rewrites[0]: expected a mapping with keys from, to, found nothing"
                  + " (line 3)");
      loading("git: [1]\n").hasMessageStartingWith("config error: git: expected a mapping with keys");
    }

    @Test
    @DisplayName("wants single values in entries")
    void singleValues() {
      loading(list("rewrites", "from: [https://a/], to: https://b/"))
          .hasMessage("config error: git.rewrites[0].from: expected a single value, found a list");
      loading(list("rewrites", "from: https://a/, to: {url: https://b/}"))
          .hasMessage("config error: git.rewrites[0].to: expected a single value, found a mapping");
      loading("git:\n  rewrites:\n    - from: https://a/\n      to:\n")
          .hasMessage(
              "config error: git.rewrites[0].to: no value (line 4); remove the key to use the default");
    }

    @Test
    @DisplayName("rejects unknown keys in entries, suggesting the closest")
    void unknownKeys() {
      loading(list("rewrites", "from: https://a/, to: https://b/", "form: https://c/, to: https://d/"))
          .hasMessage(
              "config error: unknown key \"git.rewrites[1].form\" (did you mean"
                  + " \"git.rewrites[1].from\"?)");
      loading(list("repositories", "prefix: a.example/, url: 'https://{root}', element: 3"))
          .hasMessage(
              "config error: unknown key \"git.repositories[0].element\" (did you mean"
                  + " \"git.repositories[0].elements\"?)");
      loading(list("rewrites", "from: https://a/, to: https://b/, comment: mirror"))
          .hasMessage(
              "config error: unknown key \"git.rewrites[0].comment\" (keys of git.rewrites entries:"
                  + " from, to)");
    }

    @Test
    @DisplayName("suggests the list keys for misspelt ones and lists them under git")
    void unknownListKeys() {
      loading("git:\n  rewrite: []\n")
          .hasMessage("config error: unknown key \"git.rewrite\" (did you mean \"git.rewrites\"?)");
      loading("git:\n  mirrors: []\n")
          .hasMessage(
              "config error: unknown key \"git.mirrors\" (keys under git: workers, queue,"
                  + " connect-timeout, idle-timeout, total-timeout, refs-ttl, rewrites, repositories,"
                  + " credentials)");
    }

    @Test
    @DisplayName("names the entry's key whose ${VAR} is not set")
    void missingVariable() {
      loading(list("rewrites", "from: https://a/, to: https://b/", "from: https://c/, to: '${TO}'"))
          .hasMessage(
              "config error: git.rewrites[1].to: environment variable TO is not set"
                  + " (write ${TO:-default} to give a fallback)");
    }

    @Test
    @DisplayName("rejects keys with brackets, duplicate keys and aliases in entries")
    void unsupportedYaml() {
      loading("git:\n  \"rewrites[0]\":\n    from: https://a/\n")
          .hasMessage("config error: git.rewrites[0]: brackets are not supported in keys (line 2)");
      loading("git:\n  rewrites:\n    - from: https://a/\n      from: https://b/\n      to: https://c/\n")
          .hasMessage("config error: git.rewrites[0].from: duplicate key (lines 3 and 4)");
      loading("git:\n  rewrites:\n    - &r {from: https://a/, to: https://b/}\n    - *r\n")
          .hasMessage("config error: git.rewrites[1]: YAML aliases are not supported (line 4)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "to: https://b/ | config error: git.rewrites[1].from: missing (each entry needs from and to)",
        "from: https://a/ | config error: git.rewrites[1].to: missing (each entry needs from and to)",
        "from: '', to: https://b/ | config error: git.rewrites[1].from: must not be empty",
        "from: github.com/, to: https://b/ | config error: git.rewrites[1].from: \"github.com/\" is not an absolute URL (write it like https://host/path)",
        "from: https://a/, to: ftp://b/ | config error: git.rewrites[1].to: \"ftp://b/\" has unsupported scheme ftp (use https, http, ssh, git, file)",
        "from: https://a/, to: 'https://b/x y' | config error: git.rewrites[1].to: \"https://b/x y\" is not a valid URL (Illegal character in path)",
        "from: https://a/, to: https:// | config error: git.rewrites[1].to: \"https://\" is not a valid URL (Expected authority)",
        "from: https://a/, to: 'https://b/?x=1' | config error: git.rewrites[1].to: \"https://b/?x=1\" must not have a query or fragment",
        "from: https://a/, to: file://host/srv/ | config error: git.rewrites[1].to: \"file://host/srv/\" needs an absolute path and no host, such as file:///srv/git/",
        "from: https://a/, to: 'https://bot@b/' | config error: git.rewrites[1].to: \"https://***@b/\" must not contain user information (put the token in git.credentials)",
        "from: https://a/, to: 'ssh://git:pw@b/' | config error: git.rewrites[1].to: \"ssh://***@b/\" must not contain a password (use ssh-key-file in git.credentials)",
        "from: https://github.com/acme/x, to: https://b/ | config error: git.rewrites[1].from: never used: git.rewrites[0] (\"https://github.com/\") comes first and matches everything this entry matches; put the more specific entry first",
        "from: https://github.com/, to: https://b/ | config error: git.rewrites[1].from: never used: git.rewrites[0]",
      })
  @DisplayName("checks git.rewrites entries, naming their position")
  void rewrites(String entry, String message) {
    loading(list("rewrites", "from: https://github.com/, to: https://z/", entry))
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "url: 'https://{root}' | config error: git.repositories[1].prefix: missing (each entry needs prefix and url)",
        "prefix: b.example/ | config error: git.repositories[1].url: missing (each entry needs prefix and url)",
        "prefix: 'https://b.example/', url: 'https://{root}' | config error: git.repositories[1].prefix: must be a module path prefix such as git.corp.example.com/, got \"https://b.example/\"",
        "prefix: 'b.example//x', url: 'https://{root}' | config error: git.repositories[1].prefix: must be a module path prefix",
        "prefix: '/b.example', url: 'https://{root}' | config error: git.repositories[1].prefix: must be a module path prefix",
        "prefix: 'b.example/../x', url: 'https://{root}' | config error: git.repositories[1].prefix: must be a module path prefix",
        "prefix: 'b.example/*', url: 'https://{root}' | config error: git.repositories[1].prefix: must be a module path prefix",
        "prefix: b.example/, url: 'https://b.example/{repo}.git' | config error: git.repositories[1].url: unknown placeholder {repo} in \"https://b.example/{repo}.git\" (use {root} or {path})",
        "prefix: b.example/, url: 'https://b.example/{Path}' | config error: git.repositories[1].url: unknown placeholder {Path}",
        "prefix: b.example/, url: 'https://b.example/{path' | config error: git.repositories[1].url: unbalanced { or } in \"https://b.example/{path\"",
        "prefix: b.example/, url: 'https://b.example/x.git' | config error: git.repositories[1].url: \"https://b.example/x.git\" has no placeholder (use {root} and/or {path})",
        "prefix: b.example/, url: 'ftp://{root}' | config error: git.repositories[1].url: \"ftp://{root}\" gives \"ftp://b.example/repo/repo\", which has unsupported scheme ftp (use https, http, ssh, git, file)",
        "prefix: b.example/, url: '{root}.git' | config error: git.repositories[1].url: \"{root}.git\" gives \"b.example/repo/repo.git\", which is not an absolute URL",
        "prefix: b.example/, url: 'https://bot@{root}' | config error: git.repositories[1].url: \"https://***@{root}\" gives \"https://***@b.example/repo/repo\", which must not contain user information",
        "prefix: b.example/, url: 'https://{root}', elements: 0 | config error: git.repositories[1].elements: must be between 1 and 16, got 0",
        "prefix: b.example/, url: 'https://{root}', elements: 17 | config error: git.repositories[1].elements: must be between 1 and 16, got 17",
        "prefix: b.example/, url: 'https://{root}', elements: two | config error: git.repositories[1].elements: expected a whole number, got \"two\"",
        "prefix: a.example, url: 'https://{root}' | config error: git.repositories[1].prefix: never used: git.repositories[0] (\"a.example/\") comes first",
        "prefix: a.example/x/, url: 'https://{root}' | config error: git.repositories[1].prefix: never used: git.repositories[0]",
      })
  @DisplayName("checks git.repositories entries, naming their position")
  void repositories(String entry, String message) {
    loading(list("repositories", "prefix: a.example/, url: 'https://{root}.git'", entry))
        .hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("matches repository prefixes on whole path elements")
  void prefixElements() {
    Path file =
        ConfigFiles.write(
            dir,
            list(
                "repositories",
                "prefix: a.example, url: 'https://{root}'",
                "prefix: a.example.org, url: 'https://{root}'"));

    assertThat(ConfigLoader.load(Optional.of(file), Map.of()).git().repositories())
        .extracting(GitRepositoryTemplate::prefix)
        .containsExactly("a.example/", "a.example.org/");
  }
}
