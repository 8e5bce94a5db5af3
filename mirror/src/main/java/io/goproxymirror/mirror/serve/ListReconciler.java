package io.goproxymirror.mirror.serve;

import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs the {@code <module>/@v/list} files of a file-storage data directory at start: a version
 * whose zip is stored is added to its module's list when missing. A zip is renamed into place
 * before its list is updated, so a crash between the two leaves a list that misses a stored
 * version; this walk finds every such case whatever caused it (including lists left stale by an
 * older release or a restored backup) and costs nothing per request. The walk runs on one thread of
 * the I/O scheduler, visits directories only down to each {@code @v} (entries starting with '.'
 * and the checksum-database cache are skipped), holds one module's names at a time plus the
 * versions to add, and updates lists through {@link ListFile}, serialised with live updates.
 */
public final class ListReconciler {
  private static final Logger LOG = LoggerFactory.getLogger(ListReconciler.class);
  private static final long MAX_LIST_BYTES = 8L * 1024 * 1024;
  private static final String VERSION_DIR = "@v";

  private final Path root;
  private final ListFile lists;
  private final Scheduler io;

  public ListReconciler(Path dataDir, ListFile lists, Scheduler io) {
    this.root = dataDir.toAbsolutePath().normalize();
    this.lists = lists;
    this.io = io;
  }

  /** Walks the data directory and adds missing versions; emits how many were added. */
  public Single<Integer> run() {
    return Single.fromCallable(this::missing)
        .subscribeOn(io)
        .flatMap(scan -> Flowable.fromIterable(scan.missing())
            .concatMapCompletable(request -> lists.add(request)
                .doOnComplete(() -> LOG.info("event=list_repaired module={} version={}",
                    request.module(), request.version())))
            .toSingleDefault(scan)
            .map(done -> {
              LOG.info("event=lists_reconciled modules={} added={} millis={}", done.modules(),
                  done.missing().size(), (System.nanoTime() - done.startNanos()) / 1_000_000);
              return done.missing().size();
            }));
  }

  private Scan missing() throws IOException {
    long start = System.nanoTime();
    List<ProxyRequest> missing = new ArrayList<>();
    int[] modules = {0};
    if (!Files.isDirectory(root)) {
      return new Scan(missing, 0, start);
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (dir.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        String name = dir.getFileName().toString();
        if (dir.getParent().equals(root) && (name.startsWith(".") || name.equals("sumdb"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (name.equals(VERSION_DIR)) {
          modules[0]++;
          missing.addAll(missingIn(dir));
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        LOG.warn("event=list_reconcile_skipped path=\"{}\" reason=\"{}\"", root.relativize(file), e.getMessage());
        return FileVisitResult.CONTINUE;
      }
    });
    return new Scan(missing, modules[0], start);
  }

  /** The stored canonical, non-pseudo versions of one {@code @v} directory that its list lacks. */
  private List<ProxyRequest> missingIn(Path versionDir) throws IOException {
    Set<String> listed = listed(versionDir.resolve("list"));
    String escapedModule = root.relativize(versionDir.getParent()).toString().replace('\\', '/');
    List<ProxyRequest> missing = new ArrayList<>();
    try (DirectoryStream<Path> zips = Files.newDirectoryStream(versionDir, "*.zip")) {
      for (Path zip : zips) {
        ProxyRequest request;
        try {
          request = ProxyRequest.parse("/" + escapedModule + "/@v/" + zip.getFileName());
        } catch (RuntimeException e) {
          LOG.debug("event=list_reconcile_ignored file=\"{}\" reason=\"{}\"", root.relativize(zip), e.getMessage());
          continue;
        }
        if (request.endpoint() == Endpoint.ZIP && Files.isRegularFile(zip)
            && !Semver.isPseudoVersion(request.version()) && !listed.contains(request.version())) {
          missing.add(request);
        }
      }
    }
    return missing;
  }

  private static Set<String> listed(Path list) throws IOException {
    byte[] body;
    try {
      if (Files.size(list) > MAX_LIST_BYTES) {
        return Set.of();
      }
      body = Files.readAllBytes(list);
    } catch (NoSuchFileException e) {
      return Set.of();
    }
    Set<String> versions = new HashSet<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      String trimmed = line.trim();
      int space = trimmed.indexOf(' ');
      versions.add(space < 0 ? trimmed : trimmed.substring(0, space));
    }
    return versions;
  }

  private record Scan(List<ProxyRequest> missing, int modules, long startNanos) {}
}
