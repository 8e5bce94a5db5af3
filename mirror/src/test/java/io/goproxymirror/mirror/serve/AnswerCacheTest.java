package io.goproxymirror.mirror.serve;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.GoneException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import io.goproxymirror.mirror.fetch.Fetched;
import io.goproxymirror.mirror.store.CachedAnswer;
import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.testkit.SettableClock;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TTL rules of mutable answers (list, @latest, queries) and of remembered not-found answers,
 * over the real embedded metadata store on a temp dir (run on the calling thread, so that a
 * background refresh has finished when a call returns) and scripted sources.
 */
class AnswerCacheTest {
  private static final String MODULE = "example.com/m";
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final Duration NEGATIVE_TTL = Duration.ofMinutes(1);
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private EmbeddedMetadataStore metadata;
  private AnswerCache cache;

  /** Sources answering from a script, the last entry repeating; counts the times they are asked. */
  private final class Sources implements Supplier<Single<CachedAnswer>> {
    private final Deque<Object> script = new ArrayDeque<>();
    private final AtomicInteger asked = new AtomicInteger();

    Sources then(Object answerOrError) {
      script.add(answerOrError);
      return this;
    }

    @Override
    public Single<CachedAnswer> get() {
      asked.incrementAndGet();
      Object next = script.size() > 1 ? script.poll() : script.peek();
      if (next instanceof Throwable error) {
        return Single.error(error);
      }
      return Single.just(new CachedAnswer(200, ((String) next).getBytes(UTF_8), clock.instant()));
    }
  }

  @BeforeEach
  void open(@TempDir Path dir) {
    metadata = EmbeddedMetadataStore.open(dir, Schedulers.trampoline());
    cache = new AnswerCache(metadata, clock, TTL,
        module -> module.startsWith("nocache.") ? Duration.ZERO : NEGATIVE_TTL, 100);
  }

  @AfterEach
  void close() {
    metadata.close().blockingAwait(10, TimeUnit.SECONDS);
  }

  private Answer get(String key, Sources sources) {
    return cache.get(MODULE, key, sources).timeout(10, TimeUnit.SECONDS).blockingGet();
  }

  private Reply guarded(String module, String key, Single<Fetched> fetch) {
    return Reply.absent((Fetched.Absent) cache.unlessNotFound(module, key, fetch)
        .timeout(10, TimeUnit.SECONDS).blockingGet());
  }

  private static String body(Answer answer) {
    return new String(answer.answer().body(), UTF_8);
  }

  @Test
  @DisplayName("the first request asks the sources (MISS); within the TTL the copy is a HIT without asking")
  void missThenHit() {
    Sources sources = new Sources().then("v1.0.0\n");

    Answer miss = get("list", sources);
    clock.advance(TTL.minusSeconds(1));
    Answer hit = get("list", sources);

    assertThat(miss.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(body(miss)).isEqualTo("v1.0.0\n");
    assertThat(hit.cache()).isEqualTo(CacheStatus.HIT);
    assertThat(body(hit)).isEqualTo("v1.0.0\n");
    assertThat(sources.asked).hasValue(1);
  }

  @Test
  @DisplayName("past the TTL the copy is served STALE at once, and keeps being served while every source fails")
  void staleWhenSourcesFail() {
    Sources sources = new Sources().then("v1.0.0\n").then(new UpstreamFailedException("every source failed"));

    get("list", sources);
    clock.advance(TTL);
    Answer stale = get("list", sources);
    Answer again = get("list", sources);

    assertThat(stale.cache()).isEqualTo(CacheStatus.STALE);
    assertThat(body(stale)).isEqualTo("v1.0.0\n");
    assertThat(again.cache()).isEqualTo(CacheStatus.STALE);
    assertThat(body(again)).isEqualTo("v1.0.0\n");
    assertThat(sources.asked).as("one refresh per stale answer").hasValue(3);
  }

  @Test
  @DisplayName("a STALE answer starts a refresh whose result is the next answer, a HIT")
  void staleRefreshes() {
    Sources sources = new Sources().then("v1.0.0\n").then("v1.0.0\nv1.1.0\n");

    get("list", sources);
    clock.advance(TTL);
    Answer stale = get("list", sources);
    Answer refreshed = get("list", sources);

    assertThat(stale.cache()).isEqualTo(CacheStatus.STALE);
    assertThat(body(stale)).isEqualTo("v1.0.0\n");
    assertThat(refreshed.cache()).isEqualTo(CacheStatus.HIT);
    assertThat(body(refreshed)).isEqualTo("v1.0.0\nv1.1.0\n");
    assertThat(sources.asked).hasValue(2);
  }

  @Test
  @DisplayName("with no copy, a failure of the sources is passed on and nothing is remembered")
  void failureWithoutCopy() {
    Sources sources = new Sources().then(new UpstreamTimeoutException("every source timed out")).then("v1.0.0\n");

    assertThatThrownBy(() -> get("latest", sources)).isInstanceOf(UpstreamTimeoutException.class)
        .hasMessage("every source timed out");
    Answer next = get("latest", sources);

    assertThat(next.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(body(next)).isEqualTo("v1.0.0\n");
  }

  @Test
  @DisplayName("a not-found from every source is remembered for the negative TTL, then asked again (not served stale)")
  void negativeTtl() {
    Sources sources = new Sources().then(new NotFoundException("not found: example.com/m")).then("v1.0.0\n");

    Answer miss = get("list", sources);
    clock.advance(NEGATIVE_TTL.minusSeconds(1));
    Answer remembered = get("list", sources);
    clock.advance(Duration.ofSeconds(1));
    Answer asked = get("list", sources);

    assertThat(miss.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(miss.answer().status()).isEqualTo(404);
    assertThat(body(miss)).isEqualTo("not found: example.com/m");
    assertThat(remembered.cache()).isEqualTo(CacheStatus.HIT);
    assertThat(remembered.answer().status()).isEqualTo(404);
    assertThat(asked.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(body(asked)).isEqualTo("v1.0.0\n");
    assertThat(sources.asked).hasValue(2);
  }

  @Test
  @DisplayName("an artifact's not-found is remembered: 404 MISS, then 404 HIT without fetching; 410 stays 410")
  void unlessNotFound() {
    AtomicInteger fetches = new AtomicInteger();
    Single<Fetched> notFound = Single.defer(() -> {
      fetches.incrementAndGet();
      return Single.error(new NotFoundException("not found: example.com/m@v1.0.0"));
    });

    Reply.Bytes miss = (Reply.Bytes) guarded(MODULE, "neg:mod:v1.0.0", notFound);
    Reply.Bytes hit = (Reply.Bytes) guarded(MODULE, "neg:mod:v1.0.0", notFound);
    Reply.Bytes gone = (Reply.Bytes) guarded(MODULE, "neg:zip:v1.0.0",
        Single.error(new GoneException("gone: example.com/m@v1.0.0")));

    assertThat(miss.status()).isEqualTo(404);
    assertThat(miss.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(new String(miss.body(), UTF_8)).isEqualTo("not found: example.com/m@v1.0.0");
    assertThat(hit.status()).isEqualTo(404);
    assertThat(hit.cache()).isEqualTo(CacheStatus.HIT);
    assertThat(fetches).hasValue(1);
    assertThat(gone.status()).isEqualTo(410);
    assertThat(new String(gone.body(), UTF_8)).isEqualTo("gone: example.com/m@v1.0.0");
  }

  @Test
  @DisplayName("an artifact's upstream failure is passed on and not remembered as not-found")
  void unlessNotFoundPassesFailures() {
    AtomicInteger fetches = new AtomicInteger();
    Single<Fetched> failing = Single.defer(() -> {
      fetches.incrementAndGet();
      return Single.error(new UpstreamFailedException("every source failed"));
    });

    assertThatThrownBy(() -> guarded(MODULE, "neg:info:v1.0.0", failing)).isInstanceOf(UpstreamFailedException.class);
    assertThatThrownBy(() -> guarded(MODULE, "neg:info:v1.0.0", failing)).isInstanceOf(UpstreamFailedException.class);
    assertThat(fetches).hasValue(2);
  }

  @Test
  @DisplayName("with a negative TTL of zero a not-found is not remembered")
  void zeroNegativeTtl() {
    AtomicInteger fetches = new AtomicInteger();
    Single<Fetched> notFound = Single.defer(() -> {
      fetches.incrementAndGet();
      return Single.error(new NotFoundException("not found"));
    });

    Reply first = guarded("nocache.example.com/m", "neg:mod:v1.0.0", notFound);
    Reply second = guarded("nocache.example.com/m", "neg:mod:v1.0.0", notFound);

    assertThat(first.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(second.cache()).isEqualTo(CacheStatus.MISS);
    assertThat(second.status()).isEqualTo(404);
    assertThat(fetches).hasValue(2);
  }
}
