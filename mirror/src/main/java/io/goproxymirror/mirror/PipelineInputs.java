package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.store.StorageSpace;
import java.nio.file.Path;

/**
 * What {@link Pipeline#build} builds the pipeline from; the routes are built from it too.
 *
 * @param config the validated configuration
 * @param platform Vert.x, the storage pools, the meters and the clock
 * @param data the data directory (absolute)
 * @param space the free-space watch of the data directory
 * @param stores the opened stores
 * @param git direct mode from the {@code git.*} configuration
 */
record PipelineInputs(MirrorConfig config, Platform platform, Path data, StorageSpace space, Stores stores,
    GitSourceWiring git) {

  /** Fetches each artifact once across replicas, taking the lock only while it is usable. */
  ReplicaFlight replicas() {
    return new ReplicaFlight(stores.locks(), stores::lockingUsable);
  }
}
