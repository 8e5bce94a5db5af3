package io.goproxymirror.mirror.fetch.git.transport;

import java.time.Duration;
import org.eclipse.jgit.lib.BatchingProgressMonitor;

/**
 * A progress monitor that reports cancellation once a deadline has passed or the worker thread was
 * interrupted (the request's total timeout disposed it); JGit then stops the transfer.
 */
public final class DeadlineMonitor extends BatchingProgressMonitor {
  private final long deadlineNanos;

  public DeadlineMonitor(Duration budget) {
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
  }

  @Override
  public boolean isCancelled() {
    return Thread.currentThread().isInterrupted() || System.nanoTime() - deadlineNanos > 0;
  }

  public boolean expired() {
    return System.nanoTime() - deadlineNanos > 0;
  }

  @Override
  protected void onUpdate(String taskName, int workCurr, Duration duration) {}

  @Override
  protected void onEndTask(String taskName, int workCurr, Duration duration) {}

  @Override
  protected void onUpdate(String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {}

  @Override
  protected void onEndTask(String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {}
}
