package io.goproxymirror.mirror.store;

/** The three immutable artifacts of a module version. */
public enum ArtifactKind {
  INFO("info"),
  MOD("mod"),
  ZIP("zip");

  private final String extension;

  ArtifactKind(String extension) {
    this.extension = extension;
  }

  /** File extension without the dot, as in the GOPROXY URL. */
  public String extension() {
    return extension;
  }
}
