package io.goproxymirror.mirror.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Compact binary values of the metadata stores (embedded and Redis alike). Every value starts with
 * a format version byte so the layout can evolve; the parts already in the key (module, version,
 * kind) are not repeated. Decoding fails with {@link IllegalStateException} for bytes that are not
 * such a value.
 *
 * <pre>
 * artifact v1: 0x01 | size:i64 | sha256:utf | hasH1:u8 | [h1:utf] | storedAt seconds:i64 | nanos:i32
 * answer v1:   0x01 | status:i32 | fetchedAt seconds:i64 | nanos:i32 | length:i32 | body bytes
 * </pre>
 */
public final class MetadataCodec {
  static final byte FORMAT_V1 = 1;

  private MetadataCodec() {}

  /** The value of an artifact record. */
  public static byte[] encodeArtifact(ArtifactRecord record) {
    return write(out -> {
      out.writeLong(record.size());
      out.writeUTF(record.sha256());
      out.writeBoolean(record.h1() != null);
      if (record.h1() != null) {
        out.writeUTF(record.h1());
      }
      writeInstant(out, record.storedAt());
    });
  }

  /** The record of {@code module@version} {@code kind} from its value. */
  public static ArtifactRecord decodeArtifact(
      String module, String version, ArtifactKind kind, byte[] value) {
    try (DataInputStream in = open(value)) {
      long size = in.readLong();
      String sha256 = in.readUTF();
      String h1 = in.readBoolean() ? in.readUTF() : null;
      return new ArtifactRecord(module, version, kind, size, sha256, h1, readInstant(in));
    } catch (IOException e) {
      throw new IllegalStateException("corrupt artifact record of " + module + "@" + version, e);
    }
  }

  /** The value of a cached answer. */
  public static byte[] encodeAnswer(CachedAnswer answer) {
    return write(out -> {
      out.writeInt(answer.status());
      writeInstant(out, answer.fetchedAt());
      out.writeInt(answer.body().length);
      out.write(answer.body());
    });
  }

  /** A cached answer from its value. */
  public static CachedAnswer decodeAnswer(byte[] value) {
    try (DataInputStream in = open(value)) {
      int status = in.readInt();
      Instant fetchedAt = readInstant(in);
      byte[] body = new byte[in.readInt()];
      in.readFully(body);
      return new CachedAnswer(status, body, fetchedAt);
    } catch (IOException e) {
      throw new IllegalStateException("corrupt cached answer", e);
    }
  }

  private interface Writer {
    void writeTo(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_V1);
      writer.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static DataInputStream open(byte[] value) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
    int format = in.readUnsignedByte();
    if (format != FORMAT_V1) {
      throw new IOException("unsupported metadata format version " + format);
    }
    return in;
  }

  private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
    out.writeInt(instant.getNano());
  }

  private static Instant readInstant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}
