package io.goproxymirror.config.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.ConfigFiles;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("storage.type and storage.s3")
class S3ConfigTest {

  @TempDir Path dir;

  private StorageConfig load(String yaml, Map<String, String> env) {
    return ConfigLoader.load(Optional.of(ConfigFiles.write(dir, yaml)), env).storage();
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml, Map<String, String> env) {
    Path file = ConfigFiles.write(dir, yaml);
    return assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), env))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).startsWith("config error: ").doesNotContain("\n"));
  }

  @Test
  @DisplayName("reads every S3 key from the file, with credentials from named variables")
  void fromFile() {
    StorageConfig storage = load("""
        storage:
          type: S3
          s3:
            bucket: goproxy
            endpoint: https://minio.example.com:9000
            region: eu-west-3
            path-style: true
            prefix: mirror/v1/
            access-key-env: MINIO_ACCESS_KEY
            secret-key-env: MINIO_SECRET_KEY
            part-size: 8MiB
            timeout: 2m
            max-connections: 100
        """, Map.of("MINIO_ACCESS_KEY", "a", "MINIO_SECRET_KEY", "s"));

    assertThat(storage.type()).isEqualTo(StorageType.S3);
    assertThat(storage.s3()).isEqualTo(new S3Config(
        "goproxy", Optional.of(URI.create("https://minio.example.com:9000")), "eu-west-3", true,
        "mirror/v1", Optional.of("MINIO_ACCESS_KEY"), Optional.of("MINIO_SECRET_KEY"), 8L << 20,
        Duration.ofMinutes(2), 100));
    assertThat(storage.s3().namesCredentialVariables()).isTrue();
  }

  @Test
  @DisplayName("takes every S3 key from MIRROR_STORAGE_* variables, and the SDK chain without -env keys")
  void fromEnvironment() {
    StorageConfig storage = ConfigLoader.load(Optional.empty(), Map.of(
        "MIRROR_STORAGE_TYPE", "s3",
        "MIRROR_STORAGE_S3_BUCKET", "b-1.x",
        "MIRROR_STORAGE_S3_ENDPOINT", "http://127.0.0.1:9000",
        "MIRROR_STORAGE_S3_REGION", "auto",
        "MIRROR_STORAGE_S3_PATH_STYLE", "true",
        "MIRROR_STORAGE_S3_PREFIX", "p",
        "MIRROR_STORAGE_S3_PART_SIZE", "5MiB",
        "MIRROR_STORAGE_S3_TIMEOUT", "500ms",
        "MIRROR_STORAGE_S3_MAX_CONNECTIONS", "40")).storage();

    assertThat(storage.type()).isEqualTo(StorageType.S3);
    assertThat(storage.s3()).isEqualTo(new S3Config(
        "b-1.x", Optional.of(URI.create("http://127.0.0.1:9000")), "auto", true, "p",
        Optional.empty(), Optional.empty(), 5L << 20, Duration.ofMillis(500), 40));
    assertThat(storage.s3().namesCredentialVariables()).isFalse();
  }

  @Test
  @DisplayName("checks named variables only when the type is s3")
  void variablesCheckedForS3Only() {
    String yaml = "storage:\n  s3:\n    access-key-env: NOT_SET_A\n    secret-key-env: NOT_SET_S\n";
    assertThat(load(yaml, Map.of()).type()).isEqualTo(StorageType.FILE);

    loading(yaml + "  type: s3\n", Map.of())
        .hasMessage("config error: storage.s3.bucket: must be set when storage.type is s3"
            + " (the name of an existing bucket)");
    loading("storage:\n  type: s3\n  s3:\n    bucket: b01\n    access-key-env: NOT_SET_A\n"
            + "    secret-key-env: NOT_SET_S\n", Map.of())
        .hasMessage("config error: storage.s3.access-key-env: environment variable NOT_SET_A is not set");
    loading("storage:\n  type: s3\n  s3:\n    bucket: b01\n    access-key-env: A\n"
            + "    secret-key-env: S\n", Map.of("A", "x", "S", " "))
        .hasMessage("config error: storage.s3.secret-key-env: environment variable S is empty");
  }

  @Test
  @DisplayName("with type s3, needs more connections than blocking threads")
  void connectionsExceedIoThreads() {
    assertThat(load("storage:\n  io-threads: 32\n  s3:\n    max-connections: 8\n", Map.of()).s3().maxConnections())
        .isEqualTo(8);
    loading("storage:\n  type: s3\n  io-threads: 32\n  s3:\n    bucket: b01\n    max-connections: 64\n", Map.of())
        .hasMessage("config error: storage.s3.max-connections: must be greater than twice storage.io-threads (2 x 32):"
            + " each blocking thread of the read and write pools keeps one connection, the rest serve"
            + " files streaming from the bucket");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "type: gcs | storage.type: must be one of file, s3; got \"gcs\"",
      "s3:\\n    bucket: s3://goproxy/mirror | storage.s3.bucket: must be a bucket name only, without s3:// or a path",
      "s3:\\n    bucket: ab | storage.s3.bucket: must be a bucket name of 3 to 255",
      "s3:\\n    bucket: -abc | storage.s3.bucket: must be a bucket name of 3 to 255",
      "s3:\\n    endpoint: ftp://x.example | storage.s3.endpoint: must be an http or https URL",
      "s3:\\n    endpoint: minio:9000 | storage.s3.endpoint: must be an http or https URL",
      "s3:\\n    endpoint: https://x.example/?a=b | storage.s3.endpoint: must not have a query",
      "s3:\\n    region: us east | storage.s3.region: must be a region name",
      "s3:\\n    path-style: yes | storage.s3.path-style: must be true or false",
      "s3:\\n    prefix: /mirror | storage.s3.prefix: must not start with /",
      "s3:\\n    prefix: a//b | storage.s3.prefix: must be '/'-separated names",
      "s3:\\n    prefix: a/../b | storage.s3.prefix: must be '/'-separated names",
      "s3:\\n    prefix: a b | storage.s3.prefix: must be '/'-separated names",
      "s3:\\n    part-size: 4MiB | storage.s3.part-size: must be between 5MiB and 5GiB",
      "s3:\\n    part-size: 6GiB | storage.s3.part-size: must be between 5MiB and 5GiB",
      "s3:\\n    part-size: 16MB | storage.s3.part-size: invalid size",
      "s3:\\n    timeout: 0s | storage.s3.timeout: must be a positive duration",
      "s3:\\n    max-connections: 1 | storage.s3.max-connections: ",
      "s3:\\n    access-key-env: A | storage.s3.secret-key-env: must be set too",
      "s3:\\n    secret-key-env: S | storage.s3.access-key-env: must be set too",
  })
  @DisplayName("rejects a bad value naming the key")
  void badValues(String storageYaml, String message) {
    loading("storage:\n  " + storageYaml.replace("\\n", "\n") + "\n", Map.of("A", "a", "S", "s"))
        .hasMessageStartingWith("config error: " + message);
  }

  @Test
  @DisplayName("never echoes what may be a secret: user information, a key pasted as a variable name")
  void hidesSecrets() {
    loading("storage:\n  s3:\n    endpoint: https://AKIAEXAMPLE:wJalrSECRET@s3.example\n", Map.of())
        .hasMessageContaining("storage.s3.endpoint: must not contain user information")
        .hasMessageNotContaining("wJalrSECRET")
        .hasMessageNotContaining("AKIAEXAMPLE");
    loading("storage:\n  s3:\n    secret-key-env: wJalr/SECRET+key\n    access-key-env: A\n", Map.of())
        .hasMessageContaining("storage.s3.secret-key-env: must be the name of an environment variable")
        .hasMessageNotContaining("wJalr");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"access-key", "secret-key", "access-key-id", "secret-access-key", "session-token", "Secret-Key"})
  @DisplayName("refuses inline credentials in the file with a hint")
  void refusesInlineKeys(String key) {
    loading("storage:\n  s3:\n    bucket: b01\n    " + key + ": wJalrSECRET\n", Map.of())
        .hasMessageStartingWith("config error: storage.s3." + key
            + ": secrets are not accepted in the configuration; put the key in an environment variable")
        .hasMessageContaining("storage.s3.secret-key-env")
        .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
        .hasMessageNotContaining("wJalrSECRET");
  }

  @Test
  @DisplayName("refuses an inline credential from the environment too")
  void refusesInlineKeysFromEnvironment() {
    assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of("MIRROR_STORAGE_S3_SECRET_KEY", "wJalr")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("config error: MIRROR_STORAGE_S3_SECRET_KEY: secrets are not accepted")
        .hasMessageNotContaining("wJalr");
    assertThat(ConfigLoader.load(Optional.empty(), Map.of("MIRROR_STORAGE_S3_SECRET_KEY", ""))
        .storage().type()).isEqualTo(StorageType.FILE);
  }

  @Test
  @DisplayName("loads the commented MinIO example of examples/mirror.yaml")
  void exampleLoads() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("examples", "mirror.yaml"));
    int start = lines.indexOf("  #   s3:");
    assertThat(start).isNotNegative();
    StringBuilder yaml = new StringBuilder("storage:\n  type: s3\n");
    for (int i = start; lines.get(i).startsWith("  #   "); i++) {
      yaml.append("  ").append(lines.get(i).substring("  #   ".length())).append('\n');
    }

    S3Config s3 = load(yaml.toString(), Map.of("MINIO_ACCESS_KEY", "a", "MINIO_SECRET_KEY", "s")).s3();

    assertThat(s3.bucket()).isEqualTo("goproxy");
    assertThat(s3.pathStyle()).isTrue();
    assertThat(s3.endpoint()).contains(URI.create("https://minio.corp.example.com:9000"));
  }
}
