package io.goproxymirror.mirror.modzip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds test zips with java.util.zip and forges the header fields ZipOutputStream won't. */
final class ZipFixture {
  /** Offsets of fields inside a central directory file header. */
  static final int CEN_CRC = 16;
  static final int CEN_UNCOMPRESSED_SIZE = 24;

  private record Entry(String name, byte[] content, long zeros, boolean stored) {}

  private final List<Entry> entries = new ArrayList<>();

  ZipFixture file(String name, String content) {
    entries.add(new Entry(name, content.getBytes(StandardCharsets.UTF_8), 0, false));
    return this;
  }

  ZipFixture storedFile(String name, String content) {
    entries.add(new Entry(name, content.getBytes(StandardCharsets.UTF_8), 0, true));
    return this;
  }

  /** A deflated entry of {@code size} zero bytes, streamed so it never sits in memory. */
  ZipFixture zeros(String name, long size) {
    entries.add(new Entry(name, new byte[0], size, false));
    return this;
  }

  ZipFixture dir(String name) {
    entries.add(new Entry(name, new byte[0], 0, false));
    return this;
  }

  Path writeTo(Path zip) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream zos = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Entry e : entries) {
        ZipEntry ze = new ZipEntry(e.name());
        if (e.stored()) {
          CRC32 crc = new CRC32();
          crc.update(e.content());
          ze.setMethod(ZipEntry.STORED);
          ze.setSize(e.content().length);
          ze.setCompressedSize(e.content().length);
          ze.setCrc(crc.getValue());
        }
        zos.putNextEntry(ze);
        zos.write(e.content());
        byte[] chunk = new byte[64 * 1024];
        for (long left = e.zeros(); left > 0; left -= chunk.length) {
          zos.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        zos.closeEntry();
      }
    }
    return zip;
  }

  /** Overwrites a 4-byte field of the named entry's central directory header. */
  static void patchCentralDirectory(Path zip, String entryName, int fieldOffset, long value)
      throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
    int end = buf.capacity() - 22;
    while (buf.getInt(end) != 0x06054b50) {
      end--;
    }
    int count = Short.toUnsignedInt(buf.getShort(end + 10));
    int pos = buf.getInt(end + 16);
    for (int i = 0; i < count; i++) {
      int nameLength = Short.toUnsignedInt(buf.getShort(pos + 28));
      int extraLength = Short.toUnsignedInt(buf.getShort(pos + 30));
      int commentLength = Short.toUnsignedInt(buf.getShort(pos + 32));
      String name = new String(buf.array(), pos + 46, nameLength, StandardCharsets.UTF_8);
      if (name.equals(entryName)) {
        buf.putInt(pos + fieldOffset, (int) value);
        Files.write(zip, buf.array());
        return;
      }
      pos += 46 + nameLength + extraLength + commentLength;
    }
    throw new IllegalArgumentException("no entry " + entryName);
  }

  /** Replaces every occurrence of {@code from} with {@code to} (same length) in the raw bytes. */
  static void replaceBytes(Path zip, String from, String to) throws IOException {
    replaceBytes(zip, from.getBytes(StandardCharsets.UTF_8), to.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces every occurrence of {@code f} with {@code t} (same length) in the raw bytes. */
  static void replaceBytes(Path zip, byte[] f, byte[] t) throws IOException {
    byte[] data = Files.readAllBytes(zip);
    if (f.length != t.length) {
      throw new IllegalArgumentException("lengths differ");
    }
    for (int i = 0; i + f.length <= data.length; i++) {
      if (Arrays.equals(data, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(t, 0, data, i, t.length);
      }
    }
    Files.write(zip, data);
  }
}
