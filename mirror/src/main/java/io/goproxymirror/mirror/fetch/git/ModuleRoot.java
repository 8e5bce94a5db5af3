package io.goproxymirror.mirror.fetch.git;

import org.eclipse.jgit.lib.ObjectId;

/**
 * Where a module version's files are.
 *
 * @param commit the commit
 * @param dir the module root inside the repository ({@code ""}, {@code sub}, {@code c/v2})
 * @param goMod the raw go.mod bytes there, or null when the version has none (root v0/v1 only)
 */
record ModuleRoot(ObjectId commit, String dir, byte[] goMod) {}
