package io.goproxymirror.mirror;

/** What one process runs: {@code all} (front and worker), only the {@code mirror} front, or only the {@code worker}. */
public enum Role {
  ALL,
  MIRROR,
  WORKER;

  boolean serves() {
    return this != WORKER;
  }

  boolean syncs() {
    return this != MIRROR;
  }
}
