package io.goproxymirror.mirror;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Module versions whose zip is about a given size: a go.mod and files of random (incompressible)
 * bytes, stored without compression, written straight to the upstream tree (never held whole in
 * memory, so a 400 MB zip costs no heap).
 */
final class LargeZips {
  private static final int FILE_BYTES = 32 << 20;

  private LargeZips() {}

  /** Writes {@code .info}, {@code .mod} and a zip of about {@code bytes}; returns the zip file. */
  static Path write(ModuleFixture fixture, String module, String version, long bytes, long seed) {
    String prefix = module + "/@v/" + version;
    fixture.write(prefix + ".info", "{\"Version\":\"" + version + "\",\"Time\":\"2024-01-02T03:04:05Z\"}");
    fixture.write(prefix + ".mod", "module " + module + "\n");
    Path zip = fixture.root().resolve(prefix + ".zip");
    Random random = new Random(seed);
    byte[] block = new byte[64 << 10];
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.setLevel(0);
      out.putNextEntry(new ZipEntry(module + "@" + version + "/go.mod"));
      out.write(("module " + module + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      long left = bytes;
      for (int file = 0; left > 0; file++) {
        out.putNextEntry(new ZipEntry(module + "@" + version + "/data/" + file + ".bin"));
        long size = Math.min(left, FILE_BYTES);
        for (long written = 0; written < size; written += block.length) {
          random.nextBytes(block);
          write(out, block, (int) Math.min(block.length, size - written));
        }
        out.closeEntry();
        left -= size;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip;
  }

  private static void write(OutputStream out, byte[] block, int n) throws IOException {
    out.write(block, 0, n);
  }
}
