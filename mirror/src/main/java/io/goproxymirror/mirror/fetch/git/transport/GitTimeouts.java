package io.goproxymirror.mirror.fetch.git.transport;

import java.time.Duration;

/**
 * Time limits of Git operations.
 *
 * @param connect establishing a connection (SSH; HTTP uses {@code idle} for both, as JGit has one
 *     timeout there)
 * @param idle no bytes for this long fails a transfer
 * @param total one operation (discovery, ls-remote, fetch and build) end to end
 */
public record GitTimeouts(Duration connect, Duration idle, Duration total) {

  /** JGit's transport timeout, in whole seconds (at least 1). */
  int transportSeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, idle.toSeconds()));
  }
}
