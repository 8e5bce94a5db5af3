package io.goproxymirror.mirror;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.storage.StorageType;
import io.goproxymirror.config.upstream.UpstreamList;
import io.goproxymirror.mirror.fetch.FetchGate;
import io.goproxymirror.mirror.fetch.ModuleSources;
import io.goproxymirror.mirror.fetch.ProxyUpstream;
import io.goproxymirror.mirror.fetch.RetryPolicy;
import io.goproxymirror.mirror.fetch.RouteTable;
import io.goproxymirror.mirror.fetch.UpstreamChain;
import io.goproxymirror.mirror.fetch.UpstreamProber;
import io.goproxymirror.mirror.fetch.UpstreamRegistry;
import io.goproxymirror.mirror.fetch.ZipFetcher;
import io.goproxymirror.mirror.flight.ReplicaFlight;
import io.goproxymirror.mirror.metrics.MirrorMetrics;
import io.goproxymirror.mirror.serve.AnswerCache;
import io.goproxymirror.mirror.serve.ArtifactIndex;
import io.goproxymirror.mirror.serve.ArtifactService;
import io.goproxymirror.mirror.serve.LatestService;
import io.goproxymirror.mirror.serve.ListFile;
import io.goproxymirror.mirror.serve.ListReconciler;
import io.goproxymirror.mirror.serve.ListService;
import io.goproxymirror.mirror.serve.UpstreamAnswers;
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
import java.util.function.Function;
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
    Function<String, UpstreamChain> chainOf = list -> new UpstreamChain(
        UpstreamList.parse(list), upstreams, gate, metrics, config.upstreamTimeouts().total());
    RouteTable routing = new RouteTable(git.privateModules(), config.noproxyPatterns(), config.routes(),
        chainOf.apply(config.upstream()), config.upstream(), chainOf, config.cache().negativeTtl());
    LOG.info("event=routing {}", routing.describe());
    new UpstreamProber(vertx, config.upstreamHealth().probeInterval(), upstreams.all()).start();
    // A miss asks its sources only while the storage has room (storage.min-free).
    ModuleSources sources = new ModuleSources(routing, gate, git.source(), space);
    AnswerCache answers = new AnswerCache(
        metadata, clock, config.cache().listTtl(), routing::negativeTtl, config.cache().memoryEntries());
    ArtifactIndex index = new ArtifactIndex(metadata, config.cache().memoryEntries());
    UpstreamAnswers upstreamAnswers = new UpstreamAnswers(sources, clock, metrics, config.upstreamTimeouts().total());
    ArtifactService artifacts = new ArtifactService(
        upstreamAnswers, blobs, index, answers, clock, metrics, config.cache().memoryBytes(), replicas);
    ZipFetcher zipFetcher = new ZipFetcher(
        vertx, sources, blobs, staging, io.writes(), config.upstreamTimeouts().total(), clock, metrics);
    ListFile listFile = new ListFile(blobs);
    ZipService zips = new ZipService(zipFetcher, blobs, index, answers, listFile, staging, io.writes(),
        clock, config.cache().memoryEntries(), replicas);
    return new Pipeline(upstreams, index, artifacts, zips, new ListService(answers, upstreamAnswers, index),
        new LatestService(answers, upstreamAnswers),
        config.storage().type() == StorageType.FILE
            ? Optional.of(new ListReconciler(data, listFile, io.writes()))
            : Optional.empty());
  }
}
