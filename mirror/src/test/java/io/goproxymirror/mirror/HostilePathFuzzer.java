package io.goproxymirror.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends {@code requests} hostile requests from one seeded {@link HostileRequestGenerator} to a
 * server on 127.0.0.1 over {@code threads} kept-alive raw connections, and reports the status
 * histogram and every finding: a 5xx, an answer that took longer than the hang bound, or a
 * connection closed without an answer.
 */
final class HostilePathFuzzer {
  /** At most this many findings are kept with their request. */
  private static final int MAX_FINDINGS = 50;

  /** What one run saw. */
  record Report(long seed, int requests, double seconds, Map<Integer, Integer> histogram, int serverErrors,
      int hangs, int closedWithoutAnswer, List<String> findings) {

    double requestsPerSecond() {
      return requests / Math.max(seconds, 1e-9);
    }

    /** One line with the figures, for logs and bench/RESULTS.md. */
    String summary() {
      return String.format(Locale.ROOT,
          "seed=%d requests=%d seconds=%.1f req/s=%.0f 5xx=%d hangs=%d closed_without_answer=%d statuses=%s",
          seed, requests, seconds, requestsPerSecond(), serverErrors, hangs, closedWithoutAnswer, histogram);
    }
  }

  private final int port;
  private final int threads;
  private final int hangMillis;

  HostilePathFuzzer(int port, int threads, int hangMillis) {
    this.port = port;
    this.threads = threads;
    this.hangMillis = hangMillis;
  }

  /** Sends {@code requests} requests taken from {@code generator} (called under its own lock). */
  Report run(long seed, int requests, Supplier<HostileRequest> generator) {
    AtomicInteger sent = new AtomicInteger();
    Map<Integer, Integer> histogram = Collections.synchronizedMap(new TreeMap<>());
    List<String> findings = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger serverErrors = new AtomicInteger();
    AtomicInteger hangs = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          try (RawConnection connection = new RawConnection(port, hangMillis)) {
            while (sent.getAndIncrement() < requests) {
              HostileRequest request;
              synchronized (generator) {
                request = generator.get();
              }
              long t0 = System.nanoTime();
              RawConnection.Answer answer = connection.exchange(request);
              long millis = (System.nanoTime() - t0) / 1_000_000;
              histogram.merge(answer.status(), 1, Integer::sum);
              String finding = null;
              if (answer.status() >= 500) {
                serverErrors.incrementAndGet();
                finding = answer.status() + " " + firstLine(answer.body());
              } else if (answer.status() == RawConnection.HANG || millis > hangMillis) {
                hangs.incrementAndGet();
                finding = "no answer within " + hangMillis + " ms (" + millis + " ms)";
              } else if (answer.status() == RawConnection.CLOSED) {
                closed.incrementAndGet();
                finding = "closed without an answer";
              }
              if (finding != null && findings.size() < MAX_FINDINGS) {
                findings.add(finding + " <- " + request);
              }
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("fuzzer worker failed (seed " + seed + ")", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Report(seed, requests, seconds, new TreeMap<>(histogram), serverErrors.get(), hangs.get(),
        closed.get(), List.copyOf(findings));
  }

  private static String firstLine(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return nl >= 0 ? text.substring(0, nl) : text;
  }
}
