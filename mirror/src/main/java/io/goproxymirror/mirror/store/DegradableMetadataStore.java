package io.goproxymirror.mirror.store;

import io.goproxymirror.mirror.errors.MetadataUnavailableException;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the mirror serving while a shared metadata store (Redis) is unavailable. The blob store is
 * the source of truth for immutable artifacts, so metadata is an index that may be missing: when
 * the store fails with {@link MetadataUnavailableException}, lookups answer "unknown" (the caller
 * then reads and verifies the blob itself, or fetches), writes are skipped, and the store is
 * marked unavailable. While unavailable no call reaches it (no request waits for a command
 * timeout); a probe pings it every {@code probeInterval} and marks it available again on success.
 * Each change of state is logged once and reported to {@code onChange}.
 */
public final class DegradableMetadataStore implements MetadataStore {
  private static final Logger LOG = LoggerFactory.getLogger(DegradableMetadataStore.class);

  private final MetadataStore delegate;
  private final Consumer<Boolean> onChange;
  private final AtomicBoolean available = new AtomicBoolean(true);
  private final Disposable probe;

  public DegradableMetadataStore(MetadataStore delegate, Duration probeInterval, Scheduler timer,
      Consumer<Boolean> onChange) {
    this.delegate = delegate;
    this.onChange = onChange;
    this.probe = Flowable.interval(probeInterval.toMillis(), probeInterval.toMillis(), TimeUnit.MILLISECONDS, timer)
        .onBackpressureDrop()
        .filter(tick -> !available.get())
        .concatMapCompletable(tick -> delegate.ping()
            .doOnComplete(() -> mark(true, null))
            .onErrorComplete(), 1)
        .subscribe(() -> { }, err -> LOG.warn("event=metadata_probe_stopped reason=\"{}\"", err.toString()));
  }

  /** Pings the store now (at start) and records whether it answers; logs the outcome. */
  public void checkNow() {
    delegate.ping().subscribe(
        () -> LOG.info("event=metadata_store_connected"),
        err -> mark(false, err.getMessage()));
  }

  /** Whether the store answered last time it was asked. */
  public boolean available() {
    return available.get();
  }

  @Override
  public Maybe<ArtifactRecord> artifact(String module, String version, ArtifactKind kind) {
    return available.get()
        ? delegate.artifact(module, version, kind).onErrorResumeNext(e -> degrade(e, Maybe.empty()))
        : Maybe.empty();
  }

  @Override
  public Completable putArtifact(ArtifactRecord record) {
    return available.get()
        ? delegate.putArtifact(record).onErrorResumeNext(e -> degrade(e, Maybe.empty()).ignoreElement())
        : Completable.complete();
  }

  @Override
  public Single<List<String>> versions(String module) {
    return available.get()
        ? delegate.versions(module).onErrorResumeNext(e -> degrade(e, Maybe.just(List.<String>of())).toSingle())
        : Single.just(List.of());
  }

  @Override
  public Maybe<CachedAnswer> answer(String module, String key) {
    return available.get()
        ? delegate.answer(module, key).onErrorResumeNext(e -> degrade(e, Maybe.empty()))
        : Maybe.empty();
  }

  @Override
  public Completable putAnswer(String module, String key, CachedAnswer answer) {
    return available.get()
        ? delegate.putAnswer(module, key, answer).onErrorResumeNext(e -> degrade(e, Maybe.empty()).ignoreElement())
        : Completable.complete();
  }

  @Override
  public Completable ping() {
    return delegate.ping();
  }

  @Override
  public Completable close() {
    return Completable.fromAction(probe::dispose).andThen(delegate.close());
  }

  /** A metadata failure becomes {@code fallback} and marks the store unavailable; others pass. */
  private <T> Maybe<T> degrade(Throwable error, Maybe<T> fallback) {
    if (error instanceof MetadataUnavailableException) {
      mark(false, error.getMessage());
      return fallback;
    }
    return Maybe.error(error);
  }

  private void mark(boolean up, String reason) {
    if (available.compareAndSet(!up, up)) {
      if (up) {
        LOG.info("event=metadata_store_state state=available");
      } else {
        LOG.warn("event=metadata_store_state state=unavailable reason=\"{}\" serving=\"from storage, in-process"
            + " single-flight\"", reason);
      }
      onChange.accept(up);
    }
  }
}
