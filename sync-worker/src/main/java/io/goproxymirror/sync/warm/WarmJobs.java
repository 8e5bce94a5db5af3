package io.goproxymirror.sync.warm;

import io.goproxymirror.sync.expansion.ProjectFile;
import io.goproxymirror.sync.expansion.ProjectFileSyntaxException;
import io.goproxymirror.sync.port.ModuleVersion;
import io.goproxymirror.sync.queue.EnqueueResult;
import io.goproxymirror.sync.queue.PrefetchListener;
import io.goproxymirror.sync.queue.PrefetchOutcome;
import io.goproxymirror.sync.queue.PrefetchQueue;
import io.goproxymirror.sync.queue.PrefetchRequest;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Warm jobs: every version a posted go.mod or go.sum lists is queued (at depth 0, so expansion
 * follows its requirements) under a job whose progress {@link #get(String)} reports. Versions that
 * expansion reaches from the job's versions belong to the job too. At most {@code maxJobs} are
 * kept; the oldest finished one goes first, and when all are running a new one is refused.
 *
 * <p>Register it on the queue with {@link PrefetchQueue#addListener(PrefetchListener)}.
 */
public final class WarmJobs implements PrefetchListener {
  /** Jobs kept when the mirror does not say otherwise. */
  public static final int DEFAULT_MAX_JOBS = 100;
  /** Failures kept per job; the counts stay exact. */
  public static final int FAILURES_KEPT = 100;

  private static final Base64.Encoder ID_ENCODING = Base64.getUrlEncoder().withoutPadding();

  private final PrefetchQueue queue;
  private final int maxJobs;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, WarmJob> jobs = new LinkedHashMap<>(); // guarded by this, oldest first

  public WarmJobs(PrefetchQueue queue, int maxJobs) {
    this(queue, maxJobs, Clock.systemUTC());
  }

  WarmJobs(PrefetchQueue queue, int maxJobs, Clock clock) {
    if (maxJobs < 1) {
      throw new IllegalArgumentException("maxJobs must be at least 1, got " + maxJobs);
    }
    this.queue = queue;
    this.maxJobs = maxJobs;
    this.clock = clock;
  }

  /**
   * Starts a job for a go.mod or a go.sum ({@link ProjectFile#detect(String)} tells them apart).
   * The returned snapshot is taken once every listed version has been handed to the queue.
   *
   * @return fails with {@link ProjectFileSyntaxException} for an unreadable file, or with {@link
   *     TooManyWarmJobsException}
   */
  public Single<WarmJobSnapshot> start(byte[] body) {
    return Single.defer(() -> start(ProjectFile.versions(body)));
  }

  /** Starts a job for {@code versions}, read from a go.mod or go.sum already. */
  public Single<WarmJobSnapshot> start(List<ModuleVersion> versions) {
    return Single.defer(
        () -> {
          WarmJob job = create();
          Set<String> ids = Set.of(job.id());
          return Flowable.fromIterable(versions)
              .concatMapSingle(v -> queue.enqueue(new PrefetchRequest(v, 0, ids)))
              .ignoreElements()
              .doOnComplete(() -> job.submitted(clock.instant()))
              .toSingle(job::snapshot);
        });
  }

  /** The job's progress; empty for an unknown or dropped job. */
  public synchronized Optional<WarmJobSnapshot> get(String id) {
    return Optional.ofNullable(jobs.get(id)).map(WarmJob::snapshot);
  }

  /** Every kept job, oldest first. */
  public synchronized List<WarmJobSnapshot> list() {
    return jobs.values().stream().map(WarmJob::snapshot).toList();
  }

  @Override
  public void enqueued(PrefetchRequest request, EnqueueResult result) {
    for (String id : request.jobIds()) {
      WarmJob job = job(id);
      if (job == null) {
        continue;
      }
      if (result == EnqueueResult.FULL) {
        job.ended(request.version(), Optional.of("prefetch queue full"), clock.instant());
      } else {
        job.queued(request.version());
      }
    }
  }

  @Override
  public void ended(PrefetchOutcome outcome) {
    for (String id : outcome.jobIds()) {
      WarmJob job = job(id);
      if (job != null) {
        job.queued(outcome.version());
        job.ended(outcome.version(), outcome.reason(), outcome.at());
      }
    }
  }

  private synchronized WarmJob job(String id) {
    return jobs.get(id);
  }

  private synchronized WarmJob create() {
    if (jobs.size() >= maxJobs) {
      Iterator<WarmJob> oldest = jobs.values().iterator();
      boolean dropped = false;
      while (oldest.hasNext() && !dropped) {
        if (oldest.next().isFinished()) {
          oldest.remove();
          dropped = true;
        }
      }
      if (!dropped) {
        throw new TooManyWarmJobsException(maxJobs);
      }
    }
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    WarmJob job = new WarmJob(ID_ENCODING.encodeToString(bytes), clock.instant(), FAILURES_KEPT);
    jobs.put(job.id(), job);
    return job;
  }
}
