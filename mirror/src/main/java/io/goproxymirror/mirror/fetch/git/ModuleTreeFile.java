package io.goproxymirror.mirror.fetch.git;

import io.goproxymirror.mirror.modzip.CheckoutConversion;
import io.goproxymirror.mirror.modzip.SourceFile;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One file of a module directory in a commit: how the zip rules see it, its blob, and the
 * conversion git archive would apply to it.
 */
record ModuleTreeFile(SourceFile file, ObjectId blob, CheckoutConversion conversion) {
  String path() {
    return file.path();
  }
}
