package io.goproxymirror.mirror.crash;

import io.goproxymirror.mirror.store.ArtifactKind;
import io.goproxymirror.mirror.store.ArtifactRecord;
import io.goproxymirror.mirror.store.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a stopped mirror's data directory against the fixture: every {@code .info}, {@code .mod}
 * and {@code .zip} in the served tree is byte-exact (a zip's {@code h1:} recomputed from the stored
 * file too), nothing else lies there but {@code list} files, each {@code list} names only versions
 * whose zip is stored, and every artifact record of the metadata store (when given) matches a
 * stored, byte-exact blob. Directories whose name starts with '.' (staging, metadata) are the
 * mirror's own and never served.
 */
final class StoreAudit {
  /** The figures of one audit; {@code problems} says what was wrong, one line each. */
  record Result(int stored, int verified, int corrupt, int partial, int stray, int records, int listViolations,
      int storedZipsMissingFromLists, int stagedLeftovers, List<String> problems) {
    boolean clean() {
      return problems.isEmpty();
    }
  }

  private final CrashFixture fixture;
  private final Path scratch;

  StoreAudit(CrashFixture fixture, Path scratch) {
    this.fixture = fixture;
    this.scratch = scratch;
  }

  /** Audits {@code dataDir}; {@code metadata} (may be empty) is asked for every fixture artifact. */
  Result audit(Path dataDir, Optional<MetadataStore> metadata) {
    List<String> problems = new ArrayList<>();
    int stored = 0;
    int verified = 0;
    int corrupt = 0;
    int partial = 0;
    int stray = 0;
    Set<String> storedZips = new TreeSet<>();
    List<Path> lists = new ArrayList<>();
    for (Path file : servedFiles(dataDir)) {
      String key = dataDir.relativize(file).toString().replace('\\', '/');
      if (key.endsWith("/@v/list")) {
        lists.add(file);
        continue;
      }
      Optional<Artifact> artifact = Artifact.parse(key);
      CrashFixture.Version expected = artifact.map(a -> fixture.get(a.module(), a.version())).orElse(null);
      if (expected == null) {
        stray++;
        problems.add("stray file in the served tree: " + key);
        continue;
      }
      stored++;
      byte[] bytes = read(file);
      byte[] want = expected.bytes(artifact.get().kind());
      if (Arrays.equals(bytes, want)) {
        if (artifact.get().kind().equals("zip")) {
          String h1 = CrashFixture.h1(scratch, bytes, expected.module(), expected.version());
          if (!h1.equals(expected.zipH1())) {
            corrupt++;
            problems.add("zip h1 differs: " + key);
            continue;
          }
          storedZips.add(expected.module() + "@" + expected.version());
        }
        verified++;
      } else if (bytes.length < want.length && Arrays.equals(bytes, Arrays.copyOf(want, bytes.length))) {
        partial++;
        problems.add("partial file (" + bytes.length + " of " + want.length + " bytes): " + key);
      } else {
        corrupt++;
        problems.add("corrupt file (" + bytes.length + " bytes, expected " + want.length + "): " + key);
      }
    }
    int listViolations = 0;
    int missing = 0;
    for (Path list : lists) {
      String key = dataDir.relativize(list).toString().replace('\\', '/');
      String module = key.substring(0, key.length() - "/@v/list".length());
      Set<String> named = new TreeSet<>();
      for (String line : new String(read(list), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          named.add(line.strip());
        }
      }
      for (String version : named) {
        if (!storedZips.contains(module + "@" + version)) {
          listViolations++;
          problems.add(key + " names " + version + ", whose zip is not stored");
        }
      }
      missing += (int) storedZips.stream().filter(z -> z.startsWith(module + "@"))
          .filter(z -> !named.contains(z.substring(module.length() + 1))).count();
    }
    for (String zip : storedZips) {
      String module = zip.substring(0, zip.indexOf('@'));
      if (!Files.exists(dataDir.resolve(module + "/@v/list"))) {
        missing++;
      }
    }
    int records = metadata.map(store -> checkRecords(store, dataDir, problems)).orElse(0);
    return new Result(stored, verified, corrupt, partial, stray, records, listViolations, missing,
        stagedLeftovers(dataDir), List.copyOf(problems));
  }

  private int checkRecords(MetadataStore store, Path dataDir, List<String> problems) {
    int records = 0;
    for (CrashFixture.Version v : fixture.all()) {
      for (ArtifactKind kind : ArtifactKind.values()) {
        ArtifactRecord record = store.artifact(v.module(), v.version(), kind).blockingGet();
        if (record == null) {
          continue;
        }
        records++;
        String what = v.module() + "@" + v.version() + "." + kind.extension();
        Path file = dataDir.resolve(v.module() + "/@v/" + v.version() + "." + kind.extension());
        byte[] want = v.bytes(kind.extension());
        String wantH1 = kind == ArtifactKind.ZIP ? v.zipH1() : kind == ArtifactKind.MOD ? v.modH1() : null;
        if (!Files.isRegularFile(file)) {
          problems.add("metadata records " + what + " but no blob is stored");
        } else if (record.size() != want.length || !record.sha256().equals(sha256(want))) {
          problems.add("metadata record of " + what + " disagrees with the upstream's bytes");
        } else if (wantH1 != null && !wantH1.equals(record.h1())) {
          problems.add("metadata record of " + what + " has h1 " + record.h1() + ", expected " + wantH1);
        }
      }
    }
    return records;
  }

  /** Every regular file of the served tree: below {@code dataDir}, outside directories starting with '.'. */
  private static List<Path> servedFiles(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dataDir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> {
            for (Path part : dataDir.relativize(p)) {
              if (part.toString().startsWith(".")) {
                return false;
              }
            }
            return true;
          })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Files left in the staging directory: writes that were in flight when the mirror died. */
  private static int stagedLeftovers(Path dataDir) {
    Path staging = dataDir.resolve(".tmp");
    if (!Files.isDirectory(staging)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(staging)) {
      return (int) files.filter(Files::isRegularFile).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A served key {@code <module>/@v/<version>.<kind>} (the fixture's module paths need no escaping). */
  private record Artifact(String module, String version, String kind) {
    static Optional<Artifact> parse(String key) {
      int at = key.lastIndexOf("/@v/");
      int dot = key.lastIndexOf('.');
      if (at < 0 || dot < at) {
        return Optional.empty();
      }
      String kind = key.substring(dot + 1);
      if (!Set.of("info", "mod", "zip").contains(kind)) {
        return Optional.empty();
      }
      return Optional.of(new Artifact(key.substring(0, at), key.substring(at + 4, dot), kind));
    }
  }
}
