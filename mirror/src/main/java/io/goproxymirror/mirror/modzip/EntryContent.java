package io.goproxymirror.mirror.modzip;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Streams one zip entry's content into a SHA-256 digest, never reading more than one byte past the
 * declared uncompressed size, and checks that size and the CRC-32 as the go command's unzip does.
 */
final class EntryContent {
  private EntryContent() {}

  /** The SHA-256 of the entry's content; {@code buffer} is scratch space reused across entries. */
  static byte[] digest(ZipFile zip, ZipEntry entry, byte[] buffer)
      throws IOException, InvalidModuleZipException {
    long declared = entry.getSize();
    MessageDigest sha256 = DirHash.sha256();
    CRC32 crc = new CRC32();
    long read = 0;
    try (InputStream in = zip.getInputStream(entry)) {
      while (true) {
        int want = (int) Math.min(buffer.length, declared + 1 - read);
        int n = in.read(buffer, 0, want);
        if (n < 0) {
          break;
        }
        read += n;
        if (read > declared) {
          throw invalid(entry, "uncompressed size is larger than declared size (" + declared
              + " bytes)");
        }
        sha256.update(buffer, 0, n);
        crc.update(buffer, 0, n);
      }
    }
    if (read != declared) {
      throw invalid(entry, "uncompressed size " + read + " differs from declared size ("
          + declared + " bytes)");
    }
    long declaredCrc = entry.getCrc();
    if (declaredCrc > 0 && crc.getValue() != declaredCrc) {
      throw invalid(entry, "checksum error (CRC-32 mismatch)");
    }
    return sha256.digest();
  }

  private static InvalidModuleZipException invalid(ZipEntry entry, String reason) {
    return new InvalidModuleZipException(EntryNames.display(entry.getName()) + ": " + reason);
  }
}
