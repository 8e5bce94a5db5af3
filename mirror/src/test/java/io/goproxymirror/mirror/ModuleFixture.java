package io.goproxymirror.mirror;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes module versions into a GOPROXY directory tree for an upstream test server to serve. */
final class ModuleFixture {
  private final Path root;

  ModuleFixture(Path root) {
    this.root = root;
  }

  /** The GOPROXY tree written to. */
  Path root() {
    return root;
  }

  /** Writes {@code .info}, {@code .mod} and {@code .zip} of a module version; returns the zip bytes. */
  byte[] version(String escapedModule, String module, String version, Map<String, String> files) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    files.forEach((name, text) -> entries.put(module + "@" + version + "/" + name, text.getBytes(StandardCharsets.UTF_8)));
    byte[] zip = zip(entries);
    String goMod = files.getOrDefault("go.mod", "module " + module + "\n");
    write(escapedModule + "/@v/" + version + ".info",
        "{\"Version\":\"" + version + "\",\"Time\":\"2024-01-02T03:04:05Z\"}");
    write(escapedModule + "/@v/" + version + ".mod", goMod);
    write(escapedModule + "/@v/" + version + ".zip", zip);
    return zip;
  }

  void write(String key, String text) {
    write(key, text.getBytes(StandardCharsets.UTF_8));
  }

  void write(String key, byte[] bytes) {
    try {
      Path file = root.resolve(key);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A zip of the given entries (names used as they are, no directory entries). */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
