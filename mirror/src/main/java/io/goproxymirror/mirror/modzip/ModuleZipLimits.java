package io.goproxymirror.mirror.modzip;

/** Size limits the go command enforces on module zips (PROTOCOL §4.2 step 10). */
public final class ModuleZipLimits {
  /** Largest zip file, and largest total uncompressed content: 500 MiB. */
  public static final long MAX_ZIP_FILE = 500L << 20;
  /** Largest go.mod at the module root: 16 MiB. */
  public static final long MAX_GO_MOD = 16L << 20;
  /** Largest LICENSE at the module root: 16 MiB. */
  public static final long MAX_LICENSE = 16L << 20;

  private ModuleZipLimits() {}
}
