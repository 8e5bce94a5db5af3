package io.goproxymirror.mirror.fetch.git;

/** A revision string that names no usable commit; the message is the go command's reason. */
final class RevisionNotFoundException extends Exception {
  RevisionNotFoundException(String reason) {
    super(reason, null, false, false);
  }
}
