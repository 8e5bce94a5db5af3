package io.goproxymirror.sync.port;

import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;

/** What the mirror has stored, as dependency expansion needs to know it. Implemented by the mirror. */
public interface StoredVersions {
  /** Whether every artifact of the version ({@code .info}, {@code .mod}, {@code .zip}) is stored. */
  Single<Boolean> isStored(ModuleVersion version);

  /** The stored go.mod of the version, empty when it is not stored. */
  Maybe<byte[]> goMod(ModuleVersion version);
}
