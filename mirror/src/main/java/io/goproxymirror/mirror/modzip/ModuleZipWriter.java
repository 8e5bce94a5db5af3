package io.goproxymirror.mirror.modzip;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a module zip file by file (PROTOCOL §4.3): entries {@code <module>@<version>/<path>},
 * deflated, no directory entries, a fixed timestamp. Enforces the size limits while streaming and
 * computes the h1 hash of what it wrote. Close it to abandon a zip after a failure.
 */
public final class ModuleZipWriter implements Closeable {
  private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private final Path target;
  private final String prefix;
  private final ZipOutputStream zip;
  private final List<HashedFile> hashed = new ArrayList<>();
  private long total;

  private ModuleZipWriter(Path target, String prefix, ZipOutputStream zip) {
    this.target = target;
    this.prefix = prefix;
    this.zip = zip;
  }

  /** Creates or truncates {@code target} for the zip of {@code module@version}. */
  public static ModuleZipWriter create(Path target, String module, String version)
      throws IOException {
    OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 64 * 1024);
    return new ModuleZipWriter(target, module + "@" + version + "/", new ZipOutputStream(file));
  }

  /**
   * Appends the file {@code path} with the content of {@code source} after {@code conversion}.
   *
   * @throws InvalidModuleZipException when the file or the module grows beyond a size limit
   */
  public void add(String path, ContentSource source, CheckoutConversion conversion)
      throws IOException, InvalidModuleZipException {
    long limit = ModuleZipLimits.MAX_ZIP_FILE - total;
    String tooLarge = "module source tree too large (max size is " + ModuleZipLimits.MAX_ZIP_FILE
        + " bytes)";
    if (path.equals("go.mod") && limit > ModuleZipLimits.MAX_GO_MOD) {
      limit = ModuleZipLimits.MAX_GO_MOD;
      tooLarge = fileTooLarge(path, ModuleZipLimits.MAX_GO_MOD);
    } else if (path.equals("LICENSE") && limit > ModuleZipLimits.MAX_LICENSE) {
      limit = ModuleZipLimits.MAX_LICENSE;
      tooLarge = fileTooLarge(path, ModuleZipLimits.MAX_LICENSE);
    }
    ZipEntry entry = new ZipEntry(prefix + path);
    entry.setMethod(ZipEntry.DEFLATED);
    entry.setTimeLocal(FIXED_TIME);
    zip.putNextEntry(entry);
    EntrySink sink = new EntrySink(zip, limit);
    try {
      CheckoutContent.write(source, conversion, sink);
    } catch (EntrySink.LimitExceededException e) {
      throw new InvalidModuleZipException("create zip: " + tooLarge);
    }
    zip.closeEntry();
    total += sink.count();
    hashed.add(new HashedFile(entry.getName(), sink.digest()));
  }

  /**
   * Completes the zip and returns its summary.
   *
   * @throws InvalidModuleZipException when the zip file is larger than the go command accepts
   */
  public ZipSummary finish() throws IOException, InvalidModuleZipException {
    zip.close();
    long size = Files.size(target);
    if (size > ModuleZipLimits.MAX_ZIP_FILE) {
      throw new InvalidModuleZipException("create zip: module zip file is too large (" + size
          + " bytes; limit is " + ModuleZipLimits.MAX_ZIP_FILE + " bytes)");
    }
    return new ZipSummary(DirHash.hash1(hashed), size, hashed.size(), total);
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  private static String fileTooLarge(String path, long max) {
    return path + ": " + path + " file too large (max size is " + max + " bytes)";
  }

  /** Counts and digests an entry's bytes on their way into the zip; close() is a no-op. */
  private static final class EntrySink extends OutputStream {
    private final OutputStream out;
    private final long limit;
    private final MessageDigest sha256 = DirHash.sha256();
    private long count;

    EntrySink(OutputStream out, long limit) {
      this.out = out;
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > limit - count) {
        throw new LimitExceededException();
      }
      out.write(b, off, len);
      sha256.update(b, off, len);
      count += len;
    }

    long count() {
      return count;
    }

    byte[] digest() {
      return sha256.digest();
    }

    /** The entry grew beyond its limit. */
    static final class LimitExceededException extends IOException {}
  }
}
