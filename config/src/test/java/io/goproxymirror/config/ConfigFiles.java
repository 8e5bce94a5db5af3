package io.goproxymirror.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes YAML test files. */
public final class ConfigFiles {

  private ConfigFiles() {}

  public static Path write(Path dir, String yaml) {
    try {
      return Files.writeString(
          Files.createTempFile(dir, "mirror", ".yaml"), yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
