/**
 * The sync worker: {@code SyncWorker} composes the parts of the sub-packages (leader election, the
 * index feed tailer, the watch list and its polls, the prefetch queue, dependency expansion and
 * warm jobs), {@code SyncWorkerVerticle} deploys it, and {@code SyncPorts} and {@code SyncInbox}
 * say what it needs from the rest of the mirror.
 *
 * <p>Sub-packages: {@code port} (the interfaces the mirror implements and the values they carry;
 * depends on nothing of {@code sync}), {@code queue} (on {@code port}), {@code leadership} (on
 * nothing), {@code expansion} (on {@code port}, {@code queue}), {@code warm} (on {@code port},
 * {@code queue}, {@code expansion}), {@code watch} (on {@code port}, {@code queue}) and {@code feed}
 * (on {@code port}, {@code queue}, {@code watch}). This package depends on all of them and none
 * depends on it.
 *
 * <p>Depends on {@code config}, {@code gomod} (go.mod requirements), Vert.x, RxJava and
 * Micrometer; never on the mirror module.
 */
package io.goproxymirror.sync;
