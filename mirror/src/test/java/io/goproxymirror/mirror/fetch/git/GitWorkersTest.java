package io.goproxymirror.mirror.fetch.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goproxymirror.mirror.errors.OverloadedException;
import io.reactivex.rxjava3.disposables.Disposable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the bounded Git worker pool")
class GitWorkersTest {

  @Test
  @DisplayName("refuses work with 503 once every thread is busy and the wait queue is full")
  void refusesPastTheQueue() throws Exception {
    GitWorkers workers = new GitWorkers(1, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    try {
      Disposable busy = workers.submit(() -> {
        running.countDown();
        return release.await(10, TimeUnit.SECONDS);
      }).subscribe();
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      Disposable queued = workers.submit(() -> "queued").subscribe();
      assertThatThrownBy(() -> workers.submit(() -> "refused").blockingGet())
          .isInstanceOf(OverloadedException.class);
      release.countDown();
      busy.dispose();
      queued.dispose();
    } finally {
      workers.shutdown();
    }
  }

  @Test
  @DisplayName("disposing a running task interrupts its thread")
  void disposeInterrupts() throws Exception {
    GitWorkers workers = new GitWorkers(1, 1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    try {
      Disposable task = workers.submit(() -> {
        running.countDown();
        try {
          Thread.sleep(10_000);
        } catch (InterruptedException e) {
          interrupted.set(true);
        } finally {
          ended.countDown();
        }
        return "done";
      }).subscribe(v -> { }, e -> { });
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
      task.dispose();
      assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(interrupted).isTrue();
      assertThat(workers.submit(() -> "next").blockingGet()).isEqualTo("next");
    } finally {
      workers.shutdown();
    }
  }
}
