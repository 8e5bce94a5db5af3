package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.mirror.fetch.ArtifactSource;
import io.goproxymirror.mirror.fetch.FetchGate;
import io.goproxymirror.mirror.fetch.Finishing;
import io.goproxymirror.mirror.fetch.ProxyBodies;
import io.goproxymirror.mirror.fetch.ProxyList;
import io.goproxymirror.mirror.fetch.ProxyUpstream;
import io.goproxymirror.mirror.fetch.RetryPolicy;
import io.goproxymirror.mirror.fetch.RouteTable;
import io.goproxymirror.mirror.fetch.Routed;
import io.goproxymirror.mirror.fetch.UpstreamProber;
import io.goproxymirror.mirror.fetch.UpstreamRegistry;
import io.goproxymirror.mirror.fetch.git.GitSource;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.serve.AnswerCache;
import io.goproxymirror.mirror.serve.ArtifactIndex;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.serve.LatestService;
import io.goproxymirror.mirror.serve.ListFile;
import io.goproxymirror.mirror.serve.ListReconciler;
import io.goproxymirror.mirror.serve.ListService;
import io.goproxymirror.mirror.serve.NegativeCached;
import io.goproxymirror.mirror.serve.Recorded;
import io.goproxymirror.mirror.serve.ReplicaLocked;
import io.goproxymirror.mirror.serve.SingleFlighted;
import io.goproxymirror.mirror.serve.Stored;
import io.goproxymirror.mirror.serve.StoredArtifacts;
import io.goproxymirror.mirror.serve.Verified;
import io.goproxymirror.mirror.serve.ZipService;
import io.goproxymirror.mirror.store.BlobStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.goproxymirror.mirror.store.StagingArea;
import io.goproxymirror.mirror.store.StorageSpace;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch-and-serve pipeline every role needs: the front serves clients with it, the sync worker
 * prefetches through it (same single-flight, locks, verification and storage).
 *
 * @param upstreams every upstream proxy, once each, with its health
 * @param index stored artifact records
 * @param artifacts {@code .info} and {@code .mod}
 * @param zips {@code .zip}
 * @param lists {@code @v/list}
 * @param latest {@code @latest} and queries
 * @param listRepair with file storage, the start-up repair of the data directory's list files
 */
record Pipeline(
    UpstreamRegistry upstreams,
    ArtifactIndex index,
    ArtifactService artifacts,
    ZipService zips,
    ListService lists,
    LatestService latest,
    Optional<ListReconciler> listRepair) {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  static Pipeline build(PipelineInputs inputs) {
    MirrorConfig config = inputs.config();
    Vertx vertx = inputs.platform().vertx();
    IoPool io = inputs.platform().io();
    MirrorMetrics metrics = inputs.platform().metrics();
    Clock clock = inputs.platform().clock();
    Path data = inputs.data();
    StorageSpace space = inputs.space();
    MetadataStore metadata = inputs.stores().metadata();
    BlobStore blobs = inputs.stores().blobs();
    ReplicaFlight replicas = inputs.replicas();
    GitSourceWiring git = inputs.git();
    StagingArea staging = new StagingArea(data);
    int leftovers = staging.cleanLeftovers();
    if (leftovers > 0) {
      LOG.info("event=staging_cleaned leftovers={}", leftovers);
    }
    FetchGate gate = new FetchGate(config.fetch().maxConcurrent(), config.fetch().queue(), config.fetch().queueWait(),
        Schedulers.computation(), metrics);
    UpstreamRegistry upstreams = new UpstreamRegistry(
        url -> new ProxyUpstream(
            vertx, url, config.upstreamTimeouts().forUpstream(url), config.fetch().connectionsPerUpstream()),
        config.upstreamHealth(),
        new RetryPolicy(config.upstreamRetries().max(), config.upstreamRetries().backoff()),
        metrics,
        clock);
    ArtifactIndex index = new ArtifactIndex(metadata, config.cache().memoryEntries());
    ListFile listFile = new ListFile(blobs);
    StoredArtifacts stored = new StoredArtifacts(blobs, index, staging, io.writes(), clock, config.cache().memoryBytes());

    // A miss, read from the handler down to the disk:
    //  1. NegativeCached  a not-found remembered for the module's negative TTL answers at once
    //  2. SingleFlighted  concurrent requests in this process share one fetch (a zip until committed)
    //  3. ReplicaLocked   one replica fetches (lock in the metadata store); the others serve what it stored
    //  4. Routed          private/noproxy modules go to Git; others to their route's upstream list,
    //                     while the data directory has room (storage.min-free)
    //  5. ProxyList       the GOPROXY list: ',' goes on after 404/410, '|' after any error
    //  6. a leaf source   ProxyBodies reads an upstream's 200 body (a zip into a staging file, streamed
    //                     meanwhile); GitSource builds from the repository
    //  7. Verified        the body's rules, or the module-zip rules once the zip is staged
    //  8. Stored          committed to the blob store
    //  9. Recorded        recorded in the index (and the list file); a zip's download ends here
    // Steps 7-9 wrap each leaf (the Finishing below), so that a '|' entry falls through on any of them.
    Finishing finishing = leaf -> new Recorded(
        new Stored(new Verified(leaf, clock, metrics, io.writes()), blobs), index, listFile, metrics);
    ArtifactSource direct = finishing.around(new GitSource(git.source(), staging, io.writes(), metrics));
    ProxyList.Wiring lists = new ProxyList.Wiring(upstreams, gate, metrics, config.upstreamTimeouts().total(),
        new ProxyBodies(vertx, staging, config.upstreamTimeouts().total(), metrics), finishing, direct);
    RouteTable routing = new RouteTable(git.privateModules(), config.noproxyPatterns(), config.routes(),
        config.upstreamList(), list -> new ProxyList(list.entries(), lists), config.cache().negativeTtl());
    LOG.info("event=routing {}", routing.describe());
    new UpstreamProber(vertx, config.upstreamHealth().probeInterval(), upstreams.all()).start();
    AnswerCache answers = new AnswerCache(
        metadata, clock, config.cache().listTtl(), routing::negativeTtl, config.cache().memoryEntries());
    ArtifactSource sources = new Routed(routing, gate, direct, space);
    ArtifactSource miss = new NegativeCached(answers,
        new SingleFlighted(
            new ReplicaLocked(replicas, stored, sources)));

    ArtifactService artifacts = new ArtifactService(stored, index, miss);
    ZipService zips = new ZipService(stored, blobs, miss, config.cache().memoryEntries());
    return new Pipeline(upstreams, index, artifacts, zips, new ListService(answers, sources, index, clock),
        new LatestService(answers, sources, clock),
        config.storage().type() == StorageType.FILE
            ? Optional.of(new ListReconciler(data, listFile, io.writes()))
            : Optional.empty());
  }
}
