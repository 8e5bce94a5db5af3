package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.modzip.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/** A blob of a repository as a re-openable stream; large blobs are streamed from the pack. */
final class GitBlobSource implements ContentSource {
  private final ObjectReader reader;
  private final ObjectId blob;
  private final long size;

  private GitBlobSource(ObjectReader reader, ObjectId blob, long size) {
    this.reader = reader;
    this.blob = blob;
    this.size = size;
  }

  static GitBlobSource of(ObjectReader reader, ObjectId blob) throws IOException {
    return new GitBlobSource(reader, blob, reader.getObjectSize(blob, Constants.OBJ_BLOB));
  }

  @Override
  public InputStream open() throws IOException {
    return reader.open(blob, Constants.OBJ_BLOB).openStream();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public String blobId() {
    return blob.name();
  }
}
