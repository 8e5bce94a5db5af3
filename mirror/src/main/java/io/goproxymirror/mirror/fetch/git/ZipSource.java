package io.goproxymirror.mirror.fetch.git;

import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What a module zip is built from.
 *
 * @param commit the commit
 * @param moduleDir the module root inside the repository: {@code ""}, {@code "sub"} or
 *     {@code "c/v2"}
 */
public record ZipSource(ObjectId commit, String moduleDir) {
  public ZipSource {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(moduleDir, "moduleDir");
  }
}
