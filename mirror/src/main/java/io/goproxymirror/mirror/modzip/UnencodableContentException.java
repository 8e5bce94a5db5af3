package io.goproxymirror.mirror.modzip;

import java.io.IOException;

/**
 * Content that cannot be re-encoded for a working-tree-encoding: not valid UTF-8, or holding a
 * character the target encoding lacks. Git then keeps the bytes as they are.
 */
final class UnencodableContentException extends IOException {
  UnencodableContentException(String message) {
    super(message);
  }
}
