package io.goproxymirror.mirror.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.protocol.Endpoint;
import io.goproxymirror.mirror.protocol.ProxyRequest;
import io.goproxymirror.mirror.sumdb.SumdbKind;
import io.goproxymirror.mirror.sumdb.SumdbRequest;
import java.util.Locale;

/**
 * Tells what a raw request path wants:
 *
 * <ul>
 *   <li>{@code /healthz}, {@code /readyz}: open to everyone;
 *   <li>{@code /admin} and {@code /admin/...} (the warm API too): the admin API;
 *   <li>{@code /sumdb/<db>/lookup/<module>@<version>}: that module; other checksum-database paths
 *       (tiles, {@code latest}, {@code supported}) name no module and follow {@code
 *       auth.anonymous}, as do {@code /metrics} and {@code /status/...};
 *   <li>a GOPROXY protocol path: its module; a path that is not one (it will be answered 400 or
 *       404) follows {@code auth.anonymous}, so that its answer reveals nothing either.
 * </ul>
 *
 * Parsing is the routes' own ({@link ProxyRequest#parse}, {@link SumdbRequest#parse}); valid
 * module paths are kept, bounded in number, so hot paths are parsed once more only the first time.
 */
final class AccessTargets {
  private final Cache<String, AccessTarget> modules = Caffeine.newBuilder().maximumSize(20_000).build();

  AccessTarget of(String rawPath) {
    if (rawPath == null) {
      return AccessTarget.STATUS;
    }
    if (rawPath.equals("/healthz") || rawPath.equals("/readyz")) {
      return AccessTarget.OPEN;
    }
    if (rawPath.equals("/admin") || rawPath.startsWith("/admin/")) {
      return AccessTarget.ADMIN;
    }
    if (rawPath.equals("/metrics") || rawPath.equals("/status") || rawPath.startsWith("/status/")) {
      return AccessTarget.STATUS;
    }
    AccessTarget known = modules.getIfPresent(rawPath);
    if (known != null) {
      return known;
    }
    AccessTarget parsed;
    try {
      parsed = rawPath.startsWith("/sumdb/") || rawPath.equals("/sumdb") ? sumdb(rawPath) : protocol(rawPath);
    } catch (MirrorException | IllegalArgumentException e) {
      return AccessTarget.STATUS;
    }
    if (parsed.moduleTarget()) {
      modules.put(rawPath, parsed);
    }
    return parsed;
  }

  private static AccessTarget sumdb(String rawPath) {
    SumdbRequest request = SumdbRequest.parse(rawPath);
    if (request.kind() != SumdbKind.LOOKUP || request.modulePath() == null) {
      return AccessTarget.STATUS;
    }
    String path = request.path();
    return AccessTarget.module(request.modulePath(), path.substring(path.lastIndexOf('@') + 1), "sumdb", null);
  }

  private static AccessTarget protocol(String rawPath) {
    ProxyRequest request = ProxyRequest.parse(rawPath);
    String artifact = request.query() ? "query" : request.endpoint().name().toLowerCase(Locale.ROOT);
    boolean versioned = request.endpoint() != Endpoint.LIST && request.endpoint() != Endpoint.LATEST;
    return AccessTarget.module(request.module(), versioned ? request.version() : null, artifact, request);
  }
}
