package io.goproxymirror.sync;

import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.subjects.SingleSubject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link Prefetcher} for tests: each version's attempts are answered by a script, and the
 * prefetcher records every attempt and the most attempts that ran at once.
 */
final class ScriptedPrefetcher implements Prefetcher {
  /** Answers attempt {@code n} (from 1) of a version. */
  @FunctionalInterface
  interface Script {
    Single<PrefetchResult> attempt(ModuleVersion version, int n);
  }

  private final Script script;
  private final List<ModuleVersion> attempts = new CopyOnWriteArrayList<>();
  private final Map<ModuleVersion, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();

  ScriptedPrefetcher(Script script) {
    this.script = script;
  }

  /** Every attempt stores at once. */
  static ScriptedPrefetcher storing() {
    return new ScriptedPrefetcher((v, n) -> Single.just(PrefetchResult.STORED));
  }

  /** Attempts end when the test completes the subject the function gives for the version. */
  static ScriptedPrefetcher held(Function<ModuleVersion, SingleSubject<PrefetchResult>> gates) {
    return new ScriptedPrefetcher((v, n) -> gates.apply(v));
  }

  @Override
  public Single<PrefetchResult> prefetch(ModuleVersion version) {
    return Single.defer(
        () -> {
          attempts.add(version);
          int n = counts.computeIfAbsent(version, k -> new AtomicInteger()).incrementAndGet();
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          return script
              .attempt(version, n)
              .doOnEvent((result, error) -> running.decrementAndGet())
              .doOnDispose(running::decrementAndGet);
        });
  }

  List<ModuleVersion> attempts() {
    return List.copyOf(attempts);
  }

  int attemptsOf(ModuleVersion version) {
    AtomicInteger n = counts.get(version);
    return n == null ? 0 : n.get();
  }

  int maxRunning() {
    return maxRunning.get();
  }
}
