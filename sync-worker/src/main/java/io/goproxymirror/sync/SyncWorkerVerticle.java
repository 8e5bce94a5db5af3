package io.goproxymirror.sync;

import io.reactivex.rxjava3.core.Completable;
import io.vertx.rxjava3.core.AbstractVerticle;

/**
 * The sync worker's verticle, deployed by {@code --role worker} and {@code --role all}: starts and
 * stops the {@link SyncWorker} the launcher built.
 */
public final class SyncWorkerVerticle extends AbstractVerticle {
  private final SyncWorker worker;

  public SyncWorkerVerticle(SyncWorker worker) {
    this.worker = worker;
  }

  @Override
  public Completable rxStart() {
    return worker.start();
  }

  @Override
  public Completable rxStop() {
    return worker.stop();
  }
}
