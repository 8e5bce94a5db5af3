package io.goproxymirror.sync.warm;

import io.goproxymirror.sync.port.ModuleVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mutable state of one warm job; see {@link WarmJobs}. */
final class WarmJob {
  private enum Status { PENDING, DONE, FAILED }

  private final String id;
  private final Instant created;
  private final int failuresKept;
  private final Map<ModuleVersion, Status> versions = new HashMap<>();
  private final List<WarmJobFailure> failures = new ArrayList<>();
  private int done;
  private int failed;
  private boolean submitted;
  private Instant finished;

  WarmJob(String id, Instant created, int failuresKept) {
    this.id = id;
    this.created = created;
    this.failuresKept = failuresKept;
  }

  String id() {
    return id;
  }

  synchronized boolean isFinished() {
    return finished != null;
  }

  synchronized void queued(ModuleVersion version) {
    versions.putIfAbsent(version, Status.PENDING);
  }

  /** The version ended (or could not be queued); a version ends once per job. */
  synchronized void ended(ModuleVersion version, Optional<String> failure, Instant now) {
    Status status = versions.get(version);
    if (status == Status.DONE || status == Status.FAILED) {
      return;
    }
    if (failure.isEmpty()) {
      versions.put(version, Status.DONE);
      done++;
    } else {
      versions.put(version, Status.FAILED);
      failed++;
      if (failures.size() < failuresKept) {
        failures.add(new WarmJobFailure(version, failure.get()));
      }
    }
    finishIfDone(now);
  }

  /** Every version the posted file lists has been handed to the queue. */
  synchronized void submitted(Instant now) {
    submitted = true;
    finishIfDone(now);
  }

  private void finishIfDone(Instant now) {
    if (submitted && finished == null && done + failed == versions.size()) {
      finished = now;
    }
  }

  synchronized WarmJobSnapshot snapshot() {
    return new WarmJobSnapshot(
        id,
        finished == null ? WarmJobSnapshot.RUNNING : WarmJobSnapshot.FINISHED,
        created,
        Optional.ofNullable(finished),
        versions.size(),
        done,
        failed,
        List.copyOf(failures));
  }
}
