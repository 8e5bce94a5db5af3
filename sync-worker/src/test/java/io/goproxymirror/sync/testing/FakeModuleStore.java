package io.goproxymirror.sync.testing;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.PrefetchFailure;
import io.goproxymirror.sync.port.PrefetchResult;
import io.goproxymirror.sync.port.Prefetcher;
import io.goproxymirror.sync.port.StoredVersions;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The module side of the sync worker for tests: a catalogue of go.mod files, the set of stored
 * versions, and a {@link Prefetcher} that stores a catalogued version (and fails permanently for
 * one it does not know).
 */
public final class FakeModuleStore implements StoredVersions {
  private final Map<ModuleVersion, String> goMods = new ConcurrentHashMap<>();
  private final Set<ModuleVersion> stored = ConcurrentHashMap.newKeySet();

  /**
   * A chain of dependencies: {@code a} requires {@code b} and {@code x}, then {@code b → c → d → e}
   * (all {@code example.com/*@v1.0.0}, {@code x} at {@code v0.1.0}).
   */
  public static FakeModuleStore dependencyChain() {
    return new FakeModuleStore()
        .module("example.com/a@v1.0.0", "example.com/b@v1.0.0", "example.com/x@v0.1.0")
        .module("example.com/b@v1.0.0", "example.com/c@v1.0.0")
        .module("example.com/c@v1.0.0", "example.com/d@v1.0.0")
        .module("example.com/d@v1.0.0", "example.com/e@v1.0.0")
        .module("example.com/e@v1.0.0")
        .module("example.com/x@v0.1.0");
  }

  /** Adds a version whose go.mod requires {@code requires} (as {@code path@version}). */
  public FakeModuleStore module(String pathAtVersion, String... requires) {
    StringBuilder goMod = new StringBuilder("module " + pathAtVersion.split("@")[0] + "\n\n");
    if (requires.length > 0) {
      goMod.append("require (\n");
      for (String r : requires) {
        String[] parts = r.split("@");
        goMod.append('\t').append(parts[0]).append(' ').append(parts[1]).append(" // indirect\n");
      }
      goMod.append(")\n");
    }
    goMods.put(mv(pathAtVersion), goMod.toString());
    return this;
  }

  public static ModuleVersion mv(String pathAtVersion) {
    String[] parts = pathAtVersion.split("@");
    return new ModuleVersion(parts[0], parts[1]);
  }

  public void markStored(String pathAtVersion) {
    stored.add(mv(pathAtVersion));
  }

  public byte[] goModOf(String pathAtVersion) {
    return goMods.get(mv(pathAtVersion)).getBytes(StandardCharsets.UTF_8);
  }

  /** Stores a catalogued version; an unknown one fails permanently. */
  public ScriptedPrefetcher prefetcher() {
    return new ScriptedPrefetcher(
        (v, n) -> {
          if (!goMods.containsKey(v)) {
            return Single.error(new PrefetchFailure(v + ": unknown revision", true));
          }
          return Single.just(stored.add(v) ? PrefetchResult.STORED : PrefetchResult.ALREADY_STORED);
        });
  }

  @Override
  public Single<Boolean> isStored(ModuleVersion version) {
    return Single.fromCallable(() -> stored.contains(version));
  }

  @Override
  public Maybe<byte[]> goMod(ModuleVersion version) {
    return Maybe.fromCallable(
        () ->
            stored.contains(version) ? goMods.get(version).getBytes(StandardCharsets.UTF_8) : null);
  }
}
