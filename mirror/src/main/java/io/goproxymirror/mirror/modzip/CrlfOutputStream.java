package io.goproxymirror.mirror.modzip;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes every LF that does not directly follow a CR as CRLF, as git's checkout does. */
final class CrlfOutputStream extends FilterOutputStream {
  private static final byte[] CRLF = {'\r', '\n'};

  private boolean afterCr;

  CrlfOutputStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int start = off;
    for (int i = off; i < off + len; i++) {
      if (b[i] == '\n' && !afterCr) {
        out.write(b, start, i - start);
        out.write(CRLF);
        start = i + 1;
      }
      afterCr = b[i] == '\r';
    }
    out.write(b, start, off + len - start);
  }
}
