package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.errors.NotFoundException;

/** The go command's wording for versions a module does not have. */
final class VersionErrors {
  private VersionErrors() {}

  /** {@code module@version: invalid version: reason}. */
  static NotFoundException invalid(String module, String version, String reason) {
    return new NotFoundException(module + "@" + version + ": invalid version: " + reason);
  }

  /** {@code module@version: invalid pseudo-version: reason}. */
  static NotFoundException invalidPseudo(String module, String version, String reason) {
    return new NotFoundException(module + "@" + version + ": invalid pseudo-version: " + reason);
  }
}
