package io.goproxymirror.mirror.modzip;

import io.goproxymirror.gomod.InvalidModuleException;
import io.goproxymirror.gomod.ModulePath;
import io.goproxymirror.gomod.Semver;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Verifies untrusted module zips the way the go command does before it accepts one (x/mod
 * {@code CheckZip} and {@code Unzip}; PROTOCOL §4.2-4.3) and computes their {@code h1:} hash.
 */
public final class ModuleZipVerifier {
  private static final int BUFFER_SIZE = 64 * 1024;

  private ModuleZipVerifier() {}

  /**
   * Verifies the zip at {@code zip} for {@code modulePath@version} and computes its h1. Names and
   * declared sizes are all checked before any content is read; content is streamed entry by entry
   * with bounded reads.
   *
   * @param modulePath the unescaped module path
   * @param version the canonical version
   * @throws InvalidModuleZipException if the go command would reject the zip
   * @throws UncheckedIOException if the file cannot be read for reasons other than its content
   */
  public static ZipSummary verify(Path zip, String modulePath, String version)
      throws InvalidModuleZipException {
    checkModuleVersion(modulePath, version);
    long zipSize = sizeOf(zip);
    if (zipSize > ModuleZipLimits.MAX_ZIP_FILE) {
      throw new InvalidModuleZipException("module zip file is too large (" + zipSize
          + " bytes; limit is " + ModuleZipLimits.MAX_ZIP_FILE + " bytes)");
    }
    try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
      List<? extends ZipEntry> entries = Collections.list(file.entries());
      long declaredTotal = checkEntries(entries, modulePath, version);
      List<HashedFile> hashed = new ArrayList<>(entries.size());
      byte[] buffer = new byte[BUFFER_SIZE];
      for (ZipEntry entry : entries) {
        hashed.add(new HashedFile(entry.getName(), EntryContent.digest(file, entry, buffer)));
      }
      return new ZipSummary(DirHash.hash1(hashed), zipSize, entries.size(), declaredTotal);
    } catch (ZipException | EOFException e) {
      throw new InvalidModuleZipException("corrupt zip file: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading module zip " + zip, e);
    }
  }

  /** Checks every entry's name and declared size; returns the total declared size. */
  private static long checkEntries(List<? extends ZipEntry> entries, String modulePath,
      String version) throws InvalidModuleZipException {
    EntryNameChecker names = new EntryNameChecker(modulePath, version);
    long total = 0;
    for (ZipEntry entry : entries) {
      String path = names.check(entry.getName());
      long size = entry.getSize();
      if (size < 0) {
        throw invalid(entry, "uncompressed size is unknown");
      }
      if (size > ModuleZipLimits.MAX_ZIP_FILE - total) {
        throw new InvalidModuleZipException(
            "total uncompressed size of module contents too large (max size is "
                + ModuleZipLimits.MAX_ZIP_FILE + " bytes)");
      }
      total += size;
      if (path.equals("go.mod") && size > ModuleZipLimits.MAX_GO_MOD) {
        throw invalid(entry, "go.mod file too large (max size is "
            + ModuleZipLimits.MAX_GO_MOD + " bytes)");
      }
      if (path.equals("LICENSE") && size > ModuleZipLimits.MAX_LICENSE) {
        throw invalid(entry, "LICENSE file too large (max size is "
            + ModuleZipLimits.MAX_LICENSE + " bytes)");
      }
    }
    return total;
  }

  private static void checkModuleVersion(String modulePath, String version)
      throws InvalidModuleZipException {
    if (!Semver.isCanonical(version)) {
      throw new InvalidModuleZipException("version is not canonical: " + EntryNames.display(
          String.valueOf(version)));
    }
    try {
      ModulePath.check(modulePath, version);
    } catch (InvalidModuleException e) {
      throw new InvalidModuleZipException(e.getMessage());
    }
  }

  private static long sizeOf(Path zip) {
    try {
      return Files.size(zip);
    } catch (IOException e) {
      throw new UncheckedIOException("reading module zip " + zip, e);
    }
  }

  private static InvalidModuleZipException invalid(ZipEntry entry, String reason) {
    return new InvalidModuleZipException(EntryNames.display(entry.getName()) + ": " + reason);
  }
}
