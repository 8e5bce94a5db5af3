package io.goproxymirror.sync.testing;

import java.util.function.BooleanSupplier;
import org.assertj.core.api.Assertions;

/** Waits for a condition that asynchronous work makes true, failing after a generous bound. */
public final class Eventually {
  private static final long BOUND_MS = 20_000;

  private Eventually() {}

  public static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + BOUND_MS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        Assertions.fail("still not true after " + BOUND_MS + " ms: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Assertions.fail("interrupted waiting for " + what);
      }
    }
  }
}
