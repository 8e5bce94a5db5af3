package io.goproxymirror.mirror;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Module versions whose zip is about a given size: a go.mod and files of incompressible bytes (a
 * random block per file, each copy stamped with its index), stored without compression and
 * written straight to the upstream tree, so a 400 MB zip costs no heap and takes seconds.
 */
final class LargeZips {
  private static final int FILE_BYTES = 32 << 20;
  private static final int BLOCK = 64 << 10;

  private LargeZips() {}

  /** Writes {@code .info}, {@code .mod} and a zip of about {@code bytes}; returns the zip file. */
  static Path write(ModuleFixture fixture, String module, String version, long bytes, long seed) {
    String prefix = module + "/@v/" + version;
    fixture.write(prefix + ".info", "{\"Version\":\"" + version + "\",\"Time\":\"2024-01-02T03:04:05Z\"}");
    byte[] goMod = ("module " + module + "\n").getBytes(StandardCharsets.UTF_8);
    fixture.write(prefix + ".mod", goMod);
    Path zip = fixture.root().resolve(prefix + ".zip");
    Random random = new Random(seed);
    byte[] block = new byte[BLOCK];
    try (ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zip), 1 << 20))) {
      putStored(out, module + "@" + version + "/go.mod", goMod);
      long left = bytes;
      for (int file = 0; left > 0; file++) {
        long size = Math.min(left, FILE_BYTES);
        random.nextBytes(block);
        ZipEntry entry = new ZipEntry(module + "@" + version + "/data/" + file + ".bin");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(size);
        entry.setCompressedSize(size);
        CRC32 crc = new CRC32();
        fileBlocks(block, size, (b, n) -> crc.update(b, 0, n));
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        fileBlocks(block, size, (b, n) -> out.write(b, 0, n));
        out.closeEntry();
        left -= size;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip;
  }

  private interface BlockSink {
    void accept(byte[] block, int n) throws IOException;
  }

  /** The file's bytes: {@code block} again and again, each copy starting with its index. */
  private static void fileBlocks(byte[] block, long size, BlockSink sink) throws IOException {
    ByteBuffer stamp = ByteBuffer.wrap(block);
    long index = 0;
    for (long done = 0; done < size; done += block.length, index++) {
      stamp.putLong(0, index);
      sink.accept(block, (int) Math.min(block.length, size - done));
    }
  }

  private static void putStored(ZipOutputStream out, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }
}
