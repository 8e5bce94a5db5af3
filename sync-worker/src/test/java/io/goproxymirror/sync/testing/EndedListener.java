package io.goproxymirror.sync.testing;

import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.queue.PrefetchListener;
import io.goproxymirror.sync.queue.PrefetchOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the outcomes the queue reports as ended. */
public final class EndedListener implements PrefetchListener {
  private final List<PrefetchOutcome> outcomes = new CopyOnWriteArrayList<>();

  @Override
  public void ended(PrefetchOutcome outcome) {
    outcomes.add(outcome);
  }

  public List<PrefetchOutcome> outcomes() {
    return List.copyOf(outcomes);
  }

  public List<ModuleVersion> versions() {
    return outcomes.stream().map(PrefetchOutcome::version).toList();
  }
}
