package io.goproxymirror.sync.testing;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.port.PrefetchResult;
import io.goproxymirror.sync.port.Prefetcher;
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
public final class ScriptedPrefetcher implements Prefetcher {
  /** Answers attempt {@code n} (from 1) of a version. */
  @FunctionalInterface
  public interface Script {
    Single<PrefetchResult> attempt(ModuleVersion version, int n);
  }

  private final Script script;
  private final List<ModuleVersion> attempts = new CopyOnWriteArrayList<>();
  private final Map<ModuleVersion, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();

  public ScriptedPrefetcher(Script script) {
    this.script = script;
  }

  /** Every attempt stores at once. */
  public static ScriptedPrefetcher storing() {
    return new ScriptedPrefetcher((v, n) -> Single.just(PrefetchResult.STORED));
  }

  /** Attempts end when the test completes the subject the function gives for the version. */
  public static ScriptedPrefetcher held(Function<ModuleVersion, SingleSubject<PrefetchResult>> gates) {
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

  public List<ModuleVersion> attempts() {
    return List.copyOf(attempts);
  }

  public int attemptsOf(ModuleVersion version) {
    AtomicInteger n = counts.get(version);
    return n == null ? 0 : n.get();
  }

  public int maxRunning() {
    return maxRunning.get();
  }
}
