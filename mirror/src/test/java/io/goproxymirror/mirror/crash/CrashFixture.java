package io.goproxymirror.mirror.crash;

import io.goproxymirror.mirror.modzip.DirHash;
import io.goproxymirror.mirror.modzip.ModuleZipVerifier;
import io.goproxymirror.mirror.testkit.Reply;
import io.goproxymirror.mirror.testkit.ScriptedUpstream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The upstream side of the crash-loop trial: {@code modules} modules of {@code versions} versions
 * each, made from a seed, with zips of varied sizes (incompressible payloads from 1 KiB to {@code
 * maxZipKib} KiB), and the bytes and {@code h1:} hashes an audit compares the store against.
 */
final class CrashFixture {
  /** One module version's artifacts as the upstream serves them. */
  record Version(String module, String version, byte[] info, byte[] mod, byte[] zip, String zipH1, String modH1) {
    byte[] bytes(String kind) {
      return switch (kind) {
        case "info" -> info;
        case "mod" -> mod;
        case "zip" -> zip;
        default -> throw new IllegalArgumentException(kind);
      };
    }
  }

  private final Map<String, Version> byKey = new LinkedHashMap<>();
  private final Map<String, List<String>> versionsByModule = new LinkedHashMap<>();

  CrashFixture(long seed, int modules, int versions, int maxZipKib, Path scratch) {
    Random random = new Random(seed);
    for (int m = 0; m < modules; m++) {
      String module = "example.com/crash/m" + m;
      List<String> names = new ArrayList<>();
      for (int v = 0; v < versions; v++) {
        String version = "v1." + v + ".0";
        names.add(version);
        int size = 1024 + random.nextInt(Math.max(1, maxZipKib * 1024 - 1024));
        byte[] payload = new byte[size];
        random.nextBytes(payload);
        byte[] mod = ("module " + module + "\n\ngo 1.21\n").getBytes(StandardCharsets.UTF_8);
        byte[] zip = zip(module + "@" + version + "/", mod, payload);
        byte[] info = ("{\"Version\":\"" + version + "\",\"Time\":\"2024-01-0" + (1 + v % 9) + "T03:04:05Z\"}")
            .getBytes(StandardCharsets.UTF_8);
        add(module, version, new Version(module, version, info, mod, zip, h1(scratch, zip, module, version),
            DirHash.goModHash(mod)));
      }
      versionsByModule.put(module, List.copyOf(names));
    }
  }

  private void add(String module, String version, Version v) {
    byKey.put(module + "@" + version, v);
  }

  List<Version> all() {
    return List.copyOf(byKey.values());
  }

  Version get(String module, String version) {
    return byKey.get(module + "@" + version);
  }

  Map<String, List<String>> versionsByModule() {
    return versionsByModule;
  }

  /**
   * Scripts {@code upstream} with every artifact and list: bodies dripped {@code dripBytes} at a
   * time every {@code interval} ({@code null}: at once).
   */
  void script(ScriptedUpstream upstream, Duration interval, int zipDripBytes) {
    for (Version v : byKey.values()) {
      String base = "/" + v.module() + "/@v/" + v.version();
      upstream.on(base + ".info", slow(Reply.json(new String(v.info(), StandardCharsets.UTF_8)), 16, interval));
      upstream.on(base + ".mod", slow(Reply.ok(new String(v.mod(), StandardCharsets.UTF_8)), 16, interval));
      upstream.on(base + ".zip", slow(Reply.ok(v.zip(), "application/zip"), zipDripBytes, interval));
    }
    versionsByModule.forEach((module, versions) ->
        upstream.on("/" + module + "/@v/list", Reply.ok(String.join("\n", versions) + "\n")));
  }

  private static Reply slow(Reply reply, int bytes, Duration interval) {
    return interval == null ? reply : reply.drip(bytes, interval);
  }

  private static byte[] zip(String prefix, byte[] mod, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(prefix + "go.mod"));
      zip.write(mod);
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(prefix + "data/payload.bin"));
      zip.write(payload);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The zip's {@code h1:} hash, as the mirror's verifier computes it. */
  static String h1(Path scratch, byte[] zip, String module, String version) {
    try {
      Files.createDirectories(scratch);
      Path file = Files.createTempFile(scratch, "fixture", ".zip");
      try {
        Files.write(file, zip);
        return ModuleZipVerifier.verify(file, module, version).h1();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("fixture zip of " + module + "@" + version + " is invalid", e);
    }
  }
}
