package io.goproxymirror.sync.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.config.sync.SyncIndexConfig;
import io.goproxymirror.config.upstream.UpstreamTimeouts;
import io.goproxymirror.sync.feed.IndexFeedServer.Fault;
import io.goproxymirror.sync.port.SyncStateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactivex.rxjava3.core.Completable;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("IndexTailer")
class IndexTailerTest {
  private static final int PAGE_CAP = 5;
  private static final int LIMIT = 50;
  private static final UpstreamTimeouts TIMEOUTS = new UpstreamTimeouts(
      Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(3));

  private Vertx vertx;
  private IndexFeedServer feed;
  private IndexFeedClient client;
  private final List<String> events = Collections.synchronizedList(new ArrayList<>());
  private final List<IndexEntry> handedOn = Collections.synchronizedList(new ArrayList<>());
  private final List<IndexTailer> tailers = new ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    feed = new IndexFeedServer(PAGE_CAP).start(vertx);
    client = new IndexFeedClient(vertx, feed.url(), TIMEOUTS, IndexFeedClient.DEFAULT_MAX_BODY_BYTES);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (IndexTailer tailer : tailers) {
      tailer.stop().blockingAwait(10, TimeUnit.SECONDS);
    }
    client.close().blockingAwait(10, TimeUnit.SECONDS);
    feed.stop();
  }

  private SyncIndexConfig config(Optional<Instant> since) {
    return new SyncIndexConfig(true, feed.url(), Duration.ofMillis(100), since, LIMIT);
  }

  /** Records each page once its (asynchronous) hand-off succeeds. */
  private Completable record(List<IndexEntry> entries) {
    return Completable.timer(5, TimeUnit.MILLISECONDS).doOnComplete(() -> {
      handedOn.addAll(entries);
      events.add("page:" + entries.get(entries.size() - 1).timestamp());
    });
  }

  private IndexTailer tailer(SyncStateStore store, IndexListener listener, SyncIndexConfig config,
      Clock clock, MeterRegistry registry) {
    IndexTailer tailer = new IndexTailer(
        vertx, new TailerPorts(client, store, listener), config, clock, registry, Duration.ofMillis(20));
    tailers.add(tailer);
    return tailer;
  }

  private IndexTailer started(SyncStateStore store, IndexListener listener, MeterRegistry registry) {
    IndexTailer tailer = tailer(store, listener, config(Optional.of(IndexFeeds.START)),
        Clock.systemUTC(), registry);
    tailer.start().blockingAwait(10, TimeUnit.SECONDS);
    return tailer;
  }

  /** Waits for the condition, then for two more feed requests, so late duplicates would show. */
  private void awaitCaughtUp(BooleanSupplier condition) throws InterruptedException {
    eventually(condition);
    int seen = feed.requests().size();
    eventually(() -> feed.requests().size() >= seen + 2);
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    long guard = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > guard) {
        throw new AssertionError("condition not reached within the 30 s guard");
      }
      Thread.sleep(10);
    }
  }

  private static double counter(MeterRegistry registry, String name, String tag, String value) {
    var counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  @DisplayName("hands on every entry exactly once, in order, across capped pages with shared timestamps")
  void everyEntryOnce() throws Exception {
    List<IndexEntry> all = IndexFeeds.groups("example.com/a", IndexFeeds.START, 1, 3, 4, 2, 4, 1, 3, 4, 4, 2, 1, 3);
    feed.add(all);
    MeterRegistry registry = new SimpleMeterRegistry();
    RecordingStateStore store = new RecordingStateStore(events);
    started(store, this::record, registry);

    awaitCaughtUp(() -> handedOn.size() >= all.size());

    assertThat(handedOn).containsExactlyElementsOf(all);
    List<IndexFeedServer.Request> requests = feed.requests();
    assertThat(requests).allSatisfy(r -> assertThat(r.limit()).isEqualTo(String.valueOf(LIMIT)));
    assertThat(requests.get(0).since()).isEqualTo(IndexFeeds.START.toString());
    assertThat(requests).extracting(IndexFeedServer.Request::since)
        .as("since is the exact last timestamp, old-style offsets included")
        .anyMatch(since -> since.endsWith("-07:00"));
    IndexEntry last = all.get(all.size() - 1);
    IndexCursor stored = IndexCursor.fromJson(store.get(IndexTailer.CURSOR_KEY).blockingGet());
    assertThat(stored.timestamp()).isEqualTo(last.timestamp());
    assertThat(stored.seen()).containsExactlyInAnyOrderElementsOf(all.stream()
        .filter(e -> e.time().equals(last.time())).map(IndexEntry::module).toList());
    assertThat(counter(registry, "goproxy_mirror_sync_index_entries", "result", "new")).isEqualTo(all.size());
    assertThat(counter(registry, "goproxy_mirror_sync_index_entries", "result", "duplicate")).isPositive();
    assertThat(registry.find("goproxy_mirror_sync_index_pages").counter().count())
        .isGreaterThanOrEqualTo(Math.ceil(all.size() / (double) PAGE_CAP));
  }

  @Test
  @DisplayName("pages past a whole page of entries sharing the cursor's timestamp, losing none")
  void pageFullOfOneTimestamp() throws Exception {
    List<IndexEntry> all = IndexFeeds.groups("example.com/f", IndexFeeds.START, PAGE_CAP, 2, PAGE_CAP, 1, PAGE_CAP);
    feed.add(all);
    started(new RecordingStateStore(events), this::record, new SimpleMeterRegistry());

    awaitCaughtUp(() -> handedOn.size() >= all.size());

    assertThat(handedOn).containsExactlyElementsOf(all);
  }

  @Test
  @DisplayName("persists the cursor after each page, only once the listener has completed")
  void cursorAfterEachPage() throws Exception {
    List<IndexEntry> all = IndexFeeds.groups("example.com/b", IndexFeeds.START, 2, 3, 4, 1, 3, 2);
    feed.add(all);
    started(new RecordingStateStore(events), this::record, new SimpleMeterRegistry());

    awaitCaughtUp(() -> handedOn.size() >= all.size());

    List<String> trace = List.copyOf(events);
    assertThat(trace.get(0)).startsWith("put:" + IndexTailer.CURSOR_KEY + ":")
        .contains(IndexFeeds.START.toString());
    assertThat(trace.size() % 2).isEqualTo(1);
    for (int i = 1; i < trace.size(); i += 2) {
      String page = trace.get(i);
      assertThat(page).startsWith("page:");
      String put = trace.get(i + 1);
      assertThat(put).startsWith("put:" + IndexTailer.CURSOR_KEY + ":");
      IndexCursor cursor = IndexCursor.fromJson(put.substring(("put:" + IndexTailer.CURSOR_KEY + ":").length()));
      assertThat(cursor.timestamp()).isEqualTo(page.substring("page:".length()));
    }
    System.out.println("cursor trace: " + trace.size() / 2 + " pages handed on, each followed by its cursor write");
  }

  @Test
  @DisplayName("resumes after restarts from the stored cursor with no gap and no duplicate")
  void resumesAfterRestart() throws Exception {
    List<IndexEntry> first = IndexFeeds.groups("example.com/c", IndexFeeds.START, 3, 4, 2, 4, 2);
    feed.add(first);
    RecordingStateStore store = new RecordingStateStore(events);
    IndexTailer one = started(store, this::record, new SimpleMeterRegistry());
    awaitCaughtUp(() -> handedOn.size() >= first.size());
    one.stop().blockingAwait(10, TimeUnit.SECONDS);

    // two more versions at the cursor's own timestamp: since is inclusive, so they must come next
    IndexEntry lastOfFirst = first.get(first.size() - 1);
    List<IndexEntry> more = new ArrayList<>();
    more.add(IndexFeeds.entry("example.com/c/late", "v0.1.0", lastOfFirst.timestamp(), lastOfFirst.time()));
    more.add(IndexFeeds.entry("example.com/c/late", "v0.2.0", lastOfFirst.timestamp(), lastOfFirst.time()));
    more.addAll(IndexFeeds.groups("example.com/d", lastOfFirst.time().plusSeconds(10), 4, 1, 3, 4, 2, 3, 4, 1));
    feed.add(more);

    AtomicInteger pages = new AtomicInteger();
    IndexTailer[] two = new IndexTailer[1];
    two[0] = started(store, entries -> record(entries).doOnComplete(() -> {
      if (pages.incrementAndGet() == 2) {
        two[0].stop().subscribe();
      }
    }), new SimpleMeterRegistry());
    eventually(() -> pages.get() >= 2);
    two[0].stop().blockingAwait(10, TimeUnit.SECONDS);
    int afterTwo = handedOn.size();

    started(store, this::record, new SimpleMeterRegistry());
    List<IndexEntry> expected = new ArrayList<>(first);
    expected.addAll(more);
    awaitCaughtUp(() -> handedOn.size() >= expected.size());

    assertThat(afterTwo).isGreaterThan(first.size()).isLessThan(expected.size());
    assertThat(handedOn).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("without since, starts at the time of the first start and keeps it across restarts")
  void startsAtFirstStart() throws Exception {
    Instant firstStart = IndexFeeds.START.plusSeconds(3);
    List<IndexEntry> all = IndexFeeds.groups("example.com/e", IndexFeeds.START, 1, 2, 1, 2, 3, 1, 2);
    RecordingStateStore store = new RecordingStateStore(events);
    SyncIndexConfig noSince = config(Optional.empty());
    IndexTailer one = tailer(store, this::record, noSince,
        Clock.fixed(firstStart, ZoneOffset.UTC), new SimpleMeterRegistry());
    one.start().blockingAwait(10, TimeUnit.SECONDS);
    one.stop().blockingAwait(10, TimeUnit.SECONDS);
    assertThat(IndexCursor.fromJson(store.get(IndexTailer.CURSOR_KEY).blockingGet()).time()).isEqualTo(firstStart);

    feed.add(all);
    tailer(store, this::record, noSince, Clock.fixed(firstStart.plusSeconds(3600), ZoneOffset.UTC),
        new SimpleMeterRegistry()).start().blockingAwait(10, TimeUnit.SECONDS);
    List<IndexEntry> expected = all.stream().filter(e -> !e.time().isBefore(firstStart)).toList();
    awaitCaughtUp(() -> handedOn.size() >= expected.size());

    assertThat(expected).isNotEmpty().hasSizeLessThan(all.size());
    assertThat(handedOn).containsExactlyElementsOf(expected);
  }

  @Test
  @DisplayName("backs off after a 500, a garbage body, a hang and a 503, then recovers without loss")
  void backsOffAndRecovers() throws Exception {
    List<IndexEntry> all = IndexFeeds.groups("example.com/f", IndexFeeds.START, 3, 4, 2, 4, 1);
    feed.add(all);
    feed.fault(Fault.STATUS_500, Fault.GARBAGE, Fault.HANG, Fault.STATUS_503);
    MeterRegistry registry = new SimpleMeterRegistry();
    IndexTailer tailer = started(new RecordingStateStore(events), this::record, registry);

    awaitCaughtUp(() -> handedOn.size() >= all.size());

    assertThat(handedOn).containsExactlyElementsOf(all);
    assertThat(counter(registry, "goproxy_mirror_sync_index_errors", "reason", "status")).isEqualTo(2);
    assertThat(counter(registry, "goproxy_mirror_sync_index_errors", "reason", "malformed")).isEqualTo(1);
    assertThat(counter(registry, "goproxy_mirror_sync_index_errors", "reason", "timeout")).isEqualTo(1);
    assertThat(tailer.lastError()).isEmpty();
    List<IndexFeedServer.Request> requests = feed.requests();
    System.out.println("gaps between the first requests (ms): " + IntStream.range(1, 6)
        .mapToObj(i -> String.valueOf((requests.get(i).atNanos() - requests.get(i - 1).atNanos()) / 1_000_000))
        .collect(Collectors.joining(", ")));
  }

  @Test
  @DisplayName("skips and counts a malformed line, handing on the rest of its page")
  void skipsMalformedLine() throws Exception {
    List<IndexEntry> all = IndexFeeds.groups("example.com/g", IndexFeeds.START, 2, 2, 3);
    feed.add(all);
    feed.fault(Fault.MALFORMED_LINE);
    MeterRegistry registry = new SimpleMeterRegistry();
    started(new RecordingStateStore(events), this::record, registry);

    awaitCaughtUp(() -> handedOn.size() >= all.size());

    assertThat(handedOn).containsExactlyElementsOf(all);
    assertThat(counter(registry, "goproxy_mirror_sync_index_entries", "result", "malformed")).isEqualTo(1);
    assertThat(counter(registry, "goproxy_mirror_sync_index_errors", "reason", "malformed")).isZero();
  }

  @Test
  @DisplayName("offers a page again when the listener fails or throws, and stores no cursor past it")
  void listenerFailure() throws Exception {
    List<IndexEntry> all = IndexFeeds.groups("example.com/h", IndexFeeds.START, 3, 4, 2, 4);
    feed.add(all);
    AtomicInteger calls = new AtomicInteger();
    MeterRegistry registry = new SimpleMeterRegistry();
    started(new RecordingStateStore(events), entries -> {
      int call = calls.incrementAndGet();
      if (call == 3) {
        throw new IllegalStateException("listener bug");
      }
      return call == 2 ? Completable.error(new IllegalStateException("queue full")) : record(entries);
    }, registry);

    awaitCaughtUp(() -> handedOn.size() >= all.size());

    assertThat(handedOn).containsExactlyElementsOf(all);
    assertThat(counter(registry, "goproxy_mirror_sync_index_errors", "reason", "listener")).isEqualTo(2);
    List<String> trace = List.copyOf(events);
    for (int i = 1; i < trace.size(); i += 2) {
      assertThat(trace.get(i)).startsWith("page:");
      assertThat(trace.get(i + 1)).startsWith("put:");
    }
  }

  @Test
  @DisplayName("refuses to start on an unreadable stored cursor rather than skip or repeat entries")
  void unreadableCursor() {
    RecordingStateStore store = new RecordingStateStore(events);
    store.put(IndexTailer.CURSOR_KEY, "{\"timestamp\":\"soon\"}").blockingAwait();
    IndexTailer tailer = tailer(store, this::record, config(Optional.of(IndexFeeds.START)),
        Clock.systemUTC(), new SimpleMeterRegistry());

    assertThatThrownBy(() -> tailer.start().blockingAwait(10, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("index-cursor")
        .hasMessageContaining("unreadable");
    assertThat(feed.requests()).isEmpty();
  }

  @Test
  @DisplayName("reports feed lag as now minus the cursor time")
  void lagGauge() throws Exception {
    List<IndexEntry> all = IndexFeeds.groups("example.com/i", IndexFeeds.START, 2, 3);
    feed.add(all);
    IndexEntry last = all.get(all.size() - 1);
    MeterRegistry registry = new SimpleMeterRegistry();
    IndexTailer tailer = tailer(new RecordingStateStore(events), this::record,
        config(Optional.of(IndexFeeds.START)),
        Clock.fixed(last.time().plusMillis(90_500), ZoneOffset.UTC), registry);
    assertThat(registry.find("goproxy_mirror_sync_feed_lag_seconds").gauge().value()).isNaN();
    tailer.start().blockingAwait(10, TimeUnit.SECONDS);

    awaitCaughtUp(() -> handedOn.size() >= all.size());

    assertThat(registry.find("goproxy_mirror_sync_feed_lag_seconds").gauge().value()).isEqualTo(90.5);
    assertThat(tailer.lag()).contains(Duration.ofMillis(90_500));
    assertThat(tailer.cursor().map(IndexCursor::timestamp)).contains(last.timestamp());
  }
}
