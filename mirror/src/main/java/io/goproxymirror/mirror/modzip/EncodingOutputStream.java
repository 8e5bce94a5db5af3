package io.goproxymirror.mirror.modzip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Re-encodes a UTF-8 stream into another charset, as iconv does for git's working-tree-encoding:
 * a byte order mark first (for encodings that write one) unless the content is empty, and an
 * {@link UnencodableContentException} for malformed input or an unmappable character.
 */
final class EncodingOutputStream extends OutputStream {
  private static final int CHUNK = 8 * 1024;

  private final OutputStream out;
  private final byte[] bom;
  private final boolean bmpOnly;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharsetEncoder encoder;
  private final ByteBuffer pending = ByteBuffer.allocate(CHUNK);
  private final CharBuffer chars = CharBuffer.allocate(CHUNK);
  private final ByteBuffer encoded;
  private boolean started;

  EncodingOutputStream(OutputStream out, Charset charset, byte[] bom, boolean bmpOnly) {
    this.out = out;
    this.bom = bom.clone();
    this.bmpOnly = bmpOnly;
    this.encoder = charset.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    this.encoded = ByteBuffer.allocate((int) Math.ceil(CHUNK * encoder.maxBytesPerChar()) + 16);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > 0 && !started) {
      out.write(bom);
      started = true;
    }
    while (len > 0) {
      int n = Math.min(pending.remaining(), len);
      pending.put(b, off, n);
      off += n;
      len -= n;
      pending.flip();
      decode(false);
      pending.compact();
    }
  }

  @Override
  public void close() throws IOException {
    pending.flip();
    decode(true);
    check(decoder.flush(chars));
    chars.flip();
    encode(true);
    check(encoder.flush(encoded));
    drain();
    out.close();
  }

  private void decode(boolean endOfInput) throws IOException {
    while (true) {
      CoderResult result = decoder.decode(pending, chars, endOfInput);
      check(result);
      chars.flip();
      encode(false);
      chars.compact();
      if (result.isUnderflow()) {
        return;
      }
    }
  }

  private void encode(boolean endOfInput) throws IOException {
    if (bmpOnly) {
      for (int i = chars.position(); i < chars.limit(); i++) {
        if (Character.isSurrogate(chars.get(i))) {
          throw new UnencodableContentException("character outside the Basic Multilingual Plane");
        }
      }
    }
    while (true) {
      CoderResult result = encoder.encode(chars, encoded, endOfInput);
      check(result);
      drain();
      if (result.isUnderflow()) {
        return;
      }
    }
  }

  private void drain() throws IOException {
    encoded.flip();
    out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
    encoded.clear();
  }

  private static void check(CoderResult result) throws UnencodableContentException {
    if (result.isError()) {
      throw new UnencodableContentException(result.isMalformed()
          ? "content is not valid UTF-8" : "character not representable in the target encoding");
    }
  }
}
