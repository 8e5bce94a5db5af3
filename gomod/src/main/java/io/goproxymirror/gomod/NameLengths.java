package io.goproxymirror.gomod;

/**
 * The longest module path element and version the GOPROXY layout can hold. Each escaped module
 * path element is a directory name and each escaped version, with its {@code .info} extension, a
 * file name: past 255 bytes (the limit of ext4, XFS, Btrfs, APFS and NTFS) they could be neither
 * stored here nor kept in the go command's module cache.
 */
public final class NameLengths {
  /** Longest file or directory name. */
  public static final int MAX_NAME_BYTES = 255;
  /** Longest escaped version: its {@code .info} file name must fit. */
  public static final int MAX_VERSION_BYTES = MAX_NAME_BYTES - ".info".length();

  private NameLengths() {}

  /**
   * @param module an unescaped module path
   * @param version an unescaped version, or null
   * @throws InvalidModuleException when an element or the version is too long once escaped
   */
  public static void check(String module, String version) {
    for (String element : CaseEscaping.escape(module).split("/")) {
      if (element.length() > MAX_NAME_BYTES) {
        throw new InvalidModuleException("module path element too long: more than " + MAX_NAME_BYTES
            + " bytes once escaped");
      }
    }
    if (version != null && CaseEscaping.escape(version).length() > MAX_VERSION_BYTES) {
      throw new InvalidModuleException("version too long: more than " + MAX_VERSION_BYTES + " bytes once escaped");
    }
  }
}
