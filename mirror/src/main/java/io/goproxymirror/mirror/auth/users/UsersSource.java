package io.goproxymirror.mirror.auth.users;

import io.goproxymirror.mirror.rx.RxFutures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users in use, kept in step with the users file ({@code auth.users-file}).
 *
 * <p>{@link #start()} loads the file and then checks it every check interval by the hash of its
 * content (file-system events are not reliable on mounted Kubernetes Secrets). A version that
 * parses replaces the users at once; one that is missing, unreadable or invalid leaves the last
 * good users in use and is reported once per version: a WARN line {@code event=auth_users_reload_failed}
 * (the error names the entry, never a value of the file) and the counter {@code
 * goproxy_mirror_auth_users_reload_errors}. The gauge {@code goproxy_mirror_auth_users} holds the
 * users in use.
 *
 * <p>Files are read on Vert.x worker threads, never on an event loop; {@link #current()} may be
 * called from any thread.
 */
public final class UsersSource implements Supplier<Users> {
  private static final Logger LOG = LoggerFactory.getLogger(UsersSource.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final Path file;
  private final Duration checkInterval;
  private final Counter reloadErrors;
  private final AtomicReference<Users> current = new AtomicReference<>(Users.empty());
  private final AtomicReference<String> lastSeen = new AtomicReference<>("");
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile long timer = -1;

  /**
   * @param file the users file
   * @param checkInterval how often the file is checked for changes
   */
  public UsersSource(Vertx vertx, Path file, Duration checkInterval, MeterRegistry registry) {
    this.vertx = vertx;
    this.file = file;
    this.checkInterval = checkInterval;
    this.reloadErrors = Counter.builder("goproxy_mirror_auth_users_reload_errors")
        .description("Users-file versions that could not be loaded (the last good users stayed in use)")
        .register(registry);
    Gauge.builder("goproxy_mirror_auth_users", current, users -> users.get().size())
        .description("Users of the users file in use")
        .register(registry);
  }

  /**
   * Loads the file and starts checking it every check interval.
   *
   * @return fails with the {@link UsersFileException} when the file is missing or invalid at start
   */
  public Completable start() {
    return read().flatMapCompletable(read -> {
      if (read.users().isEmpty()) {
        return Completable.error(read.error().orElseThrow());
      }
      apply(read);
      timer = vertx.setPeriodic(checkInterval.toMillis(), id -> check().subscribe());
      return Completable.complete();
    });
  }

  /** Stops checking the file; the users in use stay. */
  public void stop() {
    long id = timer;
    if (id >= 0) {
      vertx.cancelTimer(id);
      timer = -1;
    }
  }

  /**
   * Checks the file now, as the timer does. Completes when done, also when the file was bad (that
   * is reported, not an error of this call); does nothing while another check runs.
   */
  public Completable check() {
    return Completable.defer(() -> {
      if (!checking.compareAndSet(false, true)) {
        return Completable.complete();
      }
      return read()
          .doOnSuccess(this::apply)
          .ignoreElement()
          .onErrorComplete(e -> {
            LOG.error("event=auth_users_check_failed path={} error=\"{}\"", file, e.getClass().getSimpleName());
            return true;
          })
          .doOnTerminate(() -> checking.set(false))
          .doOnDispose(() -> checking.set(false));
    });
  }

  /** The users in use: those of the last version of the file that loaded. */
  public Users current() {
    return current.get();
  }

  /** As {@link #current()}. */
  @Override
  public Users get() {
    return current.get();
  }

  private Single<UsersRead> read() {
    String seen = lastSeen.get();
    return RxFutures.single(vertx.executeBlocking(() -> UsersRead.of(file, seen), false))
        .timeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void apply(UsersRead read) {
    if (read.unchanged()) {
      return;
    }
    lastSeen.set(read.fingerprint());
    if (read.error().isPresent()) {
      reloadErrors.increment();
      LOG.warn("event=auth_users_reload_failed path={} kept_users={} error=\"{}\"",
          file, current.get().size(), read.error().get().getMessage());
      return;
    }
    Users users = read.users().orElseThrow();
    current.set(users);
    LOG.info("event=auth_users_loaded path={} users={}", file, users.size());
  }
}
