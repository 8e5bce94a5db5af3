package io.goproxymirror.mirror.modzip;

import java.util.Objects;

/**
 * A file as the go command sees it in the archive of a module's directory, before x/mod's file
 * rules (PROTOCOL §4.2) apply.
 *
 * @param path the slash-separated path relative to the module root
 * @param symlink whether it is a symbolic link (otherwise a regular or executable file)
 * @param validUtf8 whether the path's bytes were valid UTF-8 ({@code path} then holds a lossy
 *     decoding)
 */
public record SourceFile(String path, boolean symlink, boolean validUtf8) {
  public SourceFile {
    Objects.requireNonNull(path, "path");
  }

  /** A regular file with a valid UTF-8 path. */
  public static SourceFile regular(String path) {
    return new SourceFile(path, false, true);
  }

  /** A symbolic link with a valid UTF-8 path. */
  public static SourceFile symlink(String path) {
    return new SourceFile(path, true, true);
  }
}
