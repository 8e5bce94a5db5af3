package io.goproxymirror.mirror.modzip;

import java.io.IOException;
import java.io.InputStream;

/** A blob whose bytes can be streamed more than once. */
public interface ContentSource {
  /** A fresh stream over all of the blob's bytes; the caller closes it. */
  InputStream open() throws IOException;

  /** The blob's size in bytes. */
  long size();

  /** The blob's object id as 40 lower-case hex digits (what {@code ident} writes). */
  String blobId();
}
