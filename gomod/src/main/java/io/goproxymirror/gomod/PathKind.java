package io.goproxymirror.gomod;

/** The three kinds of slash-separated path that share one element grammar (PROTOCOL §2.1). */
enum PathKind {
  /** A module path: ASCII letters, digits and {@code - . _ ~}; no leading dot in any element. */
  MODULE("module"),
  /** A package import path: as for modules, plus {@code +}, and leading dots are allowed. */
  IMPORT("import"),
  /** A file path inside a module zip: a wider ASCII set and any Unicode letter. */
  FILE("file");

  private final String noun;

  PathKind(String noun) {
    this.noun = noun;
  }

  /** The word used in error messages ("malformed module path ..."). */
  String noun() {
    return noun;
  }
}
