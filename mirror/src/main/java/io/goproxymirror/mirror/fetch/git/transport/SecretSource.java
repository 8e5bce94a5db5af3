package io.goproxymirror.mirror.fetch.git.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a secret (token, passphrase) is read from: an environment variable or a file. The value is
 * read at each use, so a rotated file takes effect without a restart, and is never kept in a field,
 * a log line or an error. {@link #toString()} names only the reference.
 */
public final class SecretSource {
  private final String variable;
  private final Path file;
  private final Map<String, String> env;

  private SecretSource(String variable, Path file, Map<String, String> env) {
    this.variable = variable;
    this.file = file;
    this.env = env;
  }

  /** The secret in environment variable {@code name} of {@code env}. */
  public static SecretSource env(String name, Map<String, String> env) {
    return new SecretSource(Objects.requireNonNull(name), null, Map.copyOf(env));
  }

  /** The secret in file {@code path} (surrounding white space is not part of it). */
  public static SecretSource file(Path path) {
    return new SecretSource(null, Objects.requireNonNull(path), Map.of());
  }

  /** Reads the secret now. Throws {@link IOException} naming the reference, never the value. */
  public String read() throws IOException {
    String value;
    if (variable != null) {
      value = env.get(variable);
      if (value == null || value.isEmpty()) {
        throw new IOException("credential environment variable " + variable + " is not set");
      }
    } else {
      try {
        value = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException("cannot read credential file " + file);
      }
    }
    return variable != null ? value : value.strip();
  }

  @Override
  public String toString() {
    return variable != null ? "env:" + variable : "file:" + file;
  }
}
