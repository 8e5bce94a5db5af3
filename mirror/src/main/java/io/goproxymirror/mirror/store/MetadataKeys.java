package io.goproxymirror.mirror.store;

/**
 * Key encoding of the embedded metadata store. Parts are joined with NUL ({@code \u0000}), which
 * cannot occur in a module path, a version or an answer key (they are rejected), and which sorts
 * below every other character. So {@code module + NUL} is a prefix of exactly that module's keys:
 * {@code a/b} never collides with {@code a/b-c} or {@code a/b/v2}, and within one module the keys
 * sort in the {@link String} order of what follows.
 *
 * <ul>
 *   <li>artifact: {@code module NUL version NUL extension} (info, mod, zip)
 *   <li>version index: {@code module NUL version}
 *   <li>answer: {@code module NUL key}
 * </ul>
 */
final class MetadataKeys {
  static final char SEPARATOR = '\u0000';

  private MetadataKeys() {}

  static String artifact(String module, String version, ArtifactKind kind) {
    return versionEntry(module, version) + SEPARATOR + kind.extension();
  }

  static String versionEntry(String module, String version) {
    return modulePrefix(module) + checked("version", version);
  }

  /** The prefix shared by every version-index and answer key of {@code module}, and only them. */
  static String modulePrefix(String module) {
    return checked("module", module) + SEPARATOR;
  }

  static String answer(String module, String key) {
    return modulePrefix(module) + checked("answer key", key);
  }

  private static String checked(String what, String part) {
    if (part == null || part.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (part.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException(what + " contains NUL");
    }
    return part;
  }
}
