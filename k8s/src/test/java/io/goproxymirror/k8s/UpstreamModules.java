package io.goproxymirror.k8s;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Module versions written as a GOPROXY tree ({@code .info}, {@code .mod}, {@code .zip}) for a test
 * upstream to serve, with the {@code h1:} hashes the go command must report for them, computed
 * here from the files as Go's dirhash does (independently of the mirror's own hashing).
 */
final class UpstreamModules {

  /** One module version, its zip's bytes and its two hashes. */
  record Module(String path, String version, byte[] zip, String sum, String goModSum) {}

  private UpstreamModules() {}

  /**
   * Writes {@code count} versions {@code v1.0.0} of modules {@code prefix/mNN} under {@code root},
   * each zip holding a go.mod, a Go file and {@code noiseBytes} of incompressible text.
   */
  static List<Module> write(Path root, String prefix, int count, int noiseBytes) {
    Random random = new Random(14);
    List<Module> modules = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String path = String.format("%s/m%02d", prefix, i);
      String version = "v1.0.0";
      String goMod = "module " + path + "\n\ngo 1.16\n";
      byte[] noise = new byte[noiseBytes];
      random.nextBytes(noise);
      Map<String, byte[]> files = new TreeMap<>();
      files.put(path + "@" + version + "/go.mod", goMod.getBytes(StandardCharsets.UTF_8));
      files.put(path + "@" + version + "/m.go", ("package m" + i + "\n").getBytes(StandardCharsets.UTF_8));
      files.put(path + "@" + version + "/noise.txt",
          Base64.getMimeEncoder().encode(noise));
      byte[] zip = zip(files);
      write(root.resolve(path + "/@v/" + version + ".info"),
          ("{\"Version\":\"" + version + "\",\"Time\":\"2026-01-02T03:04:05Z\"}").getBytes(StandardCharsets.UTF_8));
      write(root.resolve(path + "/@v/" + version + ".mod"), goMod.getBytes(StandardCharsets.UTF_8));
      write(root.resolve(path + "/@v/" + version + ".zip"), zip);
      write(root.resolve(path + "/@v/list"), (version + "\n").getBytes(StandardCharsets.UTF_8));
      modules.add(new Module(path, version, zip, hash1(files),
          hash1(Map.of("go.mod", goMod.getBytes(StandardCharsets.UTF_8)))));
    }
    return modules;
  }

  /** Go's dirhash Hash1: SHA-256 over "hex(sha256(file))  name\n" of the files sorted by name. */
  static String hash1(Map<String, byte[]> files) {
    StringBuilder summary = new StringBuilder();
    new TreeMap<>(files).forEach((name, bytes) ->
        summary.append(HexFormat.of().formatHex(sha256(bytes))).append("  ").append(name).append('\n'));
    return "h1:" + Base64.getEncoder().encodeToString(sha256(summary.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] zip(Map<String, byte[]> entries) {
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

  private static void write(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
