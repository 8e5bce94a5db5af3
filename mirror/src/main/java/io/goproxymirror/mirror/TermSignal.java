package io.goproxymirror.mirror;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import sun.misc.Signal;

/**
 * SIGTERM handled by the process itself instead of the JVM's default (run the shutdown hooks and
 * exit with 143): an orchestrator's stop is the normal end of a replica, so after its orderly
 * shutdown the process exits 0. The handler runs once, on a thread of its own (the JVM's signal
 * thread is not held); a second SIGTERM while it runs is ignored.
 */
final class TermSignal {

  private TermSignal() {}

  /**
   * Runs {@code shutdown} on the first SIGTERM. Where signals cannot be handled (the JVM runs with
   * {@code -Xrs}, or the platform has no SIGTERM) the JVM's default stays, and its shutdown hook
   * runs the same shutdown; that is logged once.
   */
  static void onTerm(Runnable shutdown, Logger log) {
    AtomicBoolean started = new AtomicBoolean();
    try {
      Signal.handle(new Signal("TERM"), signal -> {
        if (started.compareAndSet(false, true)) {
          Thread thread = new Thread(shutdown, "sigterm");
          thread.setDaemon(false); // the JVM waits for it, and its exit status
          thread.start();
        }
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log.warn("event=sigterm_handler_unavailable reason=\"{}\"", e.getMessage());
    }
  }
}
