package io.goproxymirror.mirror.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.store.ArtifactKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RedisKeys")
class RedisKeysTest {
  private final RedisKeys keys = new RedisKeys("goproxy:");

  @Test
  @DisplayName("lays keys out as documented, with the module as the hash tag")
  void layout() {
    assertThat(keys.versions("github.com/a/b")).isEqualTo("goproxy:{github.com/a/b}:versions");
    assertThat(keys.artifacts("github.com/a/b")).isEqualTo("goproxy:{github.com/a/b}:artifacts");
    assertThat(keys.artifactField("v1.2.3", ArtifactKind.ZIP)).isEqualTo("v1.2.3.zip");
    assertThat(keys.answer("github.com/a/b", "latest")).isEqualTo("goproxy:{github.com/a/b}:answer:latest");
    assertThat(new RedisKeys("").versions("m")).isEqualTo("{m}:versions");
  }

  @Test
  @DisplayName("gives a/b, a/b-c, a/b/v2, a/b/ and a different tags and keys")
  void prefixIsolation() {
    List<String> modules = List.of("a/b", "a/b-c", "a/b/v2", "a/b/", "a", "a}b", "a%7Db", "{a/b}");
    Set<String> all = new HashSet<>();
    Set<String> tags = new HashSet<>();
    for (String module : modules) {
      all.add(keys.versions(module));
      all.add(keys.artifacts(module));
      all.add(keys.answer(module, "versions"));
      all.add(keys.answer(module, "list"));
      tags.add(hashTag(keys.versions(module)));
      assertThat(hashTag(keys.artifacts(module))).isEqualTo(hashTag(keys.versions(module)));
      assertThat(hashTag(keys.answer(module, "x}y{z"))).isEqualTo(hashTag(keys.versions(module)));
    }
    assertThat(all).hasSize(modules.size() * 4);
    assertThat(tags).hasSize(modules.size());
    assertThat(keys.versions("a}b")).isEqualTo("goproxy:{a%7Db}:versions");
    assertThat(keys.versions("a%7Db")).isEqualTo("goproxy:{a%257Db}:versions");
  }

  @Test
  @DisplayName("keeps artifact fields of different kinds and versions apart")
  void fields() {
    Set<String> fields = new HashSet<>();
    for (String version : List.of("v1", "v1.zip", "v1.info", "v1.mod")) {
      for (ArtifactKind kind : ArtifactKind.values()) {
        fields.add(keys.artifactField(version, kind));
      }
    }
    assertThat(fields).hasSize(12);
  }

  @Test
  @DisplayName("names one lock per artifact, in the module's slot, apart from every other key")
  void locks() {
    assertThat(keys.lock("github.com/a/b", "v1.2.3", ArtifactKind.ZIP)).isEqualTo("goproxy:{github.com/a/b}:lock:v1.2.3.zip");
    Set<String> all = new HashSet<>();
    for (String module : List.of("a/b", "a/b-c", "a/b/v2")) {
      all.add(keys.versions(module));
      all.add(keys.artifacts(module));
      all.add(keys.answer(module, "lock:v1.zip"));
      for (ArtifactKind kind : ArtifactKind.values()) {
        for (String version : List.of("v1", "v1.zip")) {
          all.add(keys.lock(module, version, kind));
          assertThat(hashTag(keys.lock(module, version, kind))).isEqualTo(hashTag(keys.versions(module)));
        }
      }
    }
    assertThat(all).hasSize(3 * (3 + 6));
    assertThatThrownBy(() -> keys.lock("m", "", ArtifactKind.ZIP)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("refuses empty names, NUL and a prefix with a brace")
  void refuses() {
    assertThatThrownBy(() -> keys.versions("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.answer("m", "a\u0000")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> keys.artifactField("", ArtifactKind.MOD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RedisKeys("app{1}:")).isInstanceOf(IllegalArgumentException.class);
  }

  /** What Redis Cluster hashes: the text between the first { and the next }. */
  private static String hashTag(String key) {
    int open = key.indexOf('{');
    int close = key.indexOf('}', open + 1);
    assertThat(close).as(key).isGreaterThan(open + 1);
    return key.substring(open + 1, close);
  }
}
