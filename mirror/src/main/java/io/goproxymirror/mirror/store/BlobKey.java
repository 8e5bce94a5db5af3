package io.goproxymirror.mirror.store;

import java.nio.file.Path;

/**
 * A validated blob key: a relative, '/'-separated path in the GOPROXY URL layout that cannot
 * escape the store root nor reach its reserved entries ({@code .tmp}, {@code .meta}, {@code
 * .git-cache} and anything else whose first element starts with '.').
 */
public final class BlobKey {
  private final String value;

  private BlobKey(String value) {
    this.value = value;
  }

  /**
   * Validates {@code key}: non-empty, relative, elements separated by '/', no empty, {@code .} or
   * {@code ..} element, only printable ASCII without backslash, first element not starting with
   * '.'.
   *
   * @throws IllegalArgumentException when the key is not acceptable
   */
  public static BlobKey parse(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("blob key is empty");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '\\') {
        throw new IllegalArgumentException(
            "blob key has a control, non-ASCII or backslash character at index " + i);
      }
    }
    if (key.charAt(0) == '/') {
      throw new IllegalArgumentException("blob key is absolute: " + key);
    }
    String[] elements = key.split("/", -1);
    for (String element : elements) {
      if (element.isEmpty() || element.equals(".") || element.equals("..")) {
        throw new IllegalArgumentException("blob key has an empty, '.' or '..' element: " + key);
      }
    }
    if (elements[0].startsWith(".")) {
      throw new IllegalArgumentException("blob key names a reserved entry: " + key);
    }
    return new BlobKey(key);
  }

  /** The file for this key under {@code root}, which must be absolute and normalised. */
  public Path resolveUnder(Path root) {
    Path file = root.resolve(value).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      throw new IllegalArgumentException("blob key escapes the store root: " + value);
    }
    return file;
  }

  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
