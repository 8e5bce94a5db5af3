package io.goproxymirror.mirror.auth;

import java.util.Objects;

/** What a request wants to read or use, as far as access is concerned. */
public sealed interface Resource {
  /** A module's artifacts, lists and queries, or a {@code /sumdb/} lookup of it. */
  record Module(String path) implements Resource {
    public Module {
      Objects.requireNonNull(path, "path");
    }
  }

  /** The admin API ({@code /admin/*}, the warm API): group {@code admin}. */
  record Admin() implements Resource {}

  /** {@code /metrics} and the status endpoints: follow {@code auth.anonymous}. */
  record Status() implements Resource {}

  /** The module {@code path} (an unescaped module path). */
  static Resource module(String path) {
    return new Module(path);
  }

  /** The admin API. */
  static Resource admin() {
    return new Admin();
  }

  /** Metrics and status. */
  static Resource status() {
    return new Status();
  }
}
