package io.goproxymirror.mirror.testkit;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread-safe record of the request paths a test server received, in arrival order. Paths are
 * percent-decoded but keep the GOPROXY case escaping, e.g. {@code /github.com/!acme/x/@v/list}
 * whether the client sent {@code !} or {@code %21}; a path that cannot be decoded is recorded raw.
 */
public final class RequestLog {

  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final List<String> rawPaths = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  /** Records a request by its raw path; returns the decoded path, or null if undecodable. */
  String record(String rawPath) {
    String decoded = decode(rawPath);
    String path = decoded == null ? rawPath : decoded;
    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    paths.add(path);
    rawPaths.add(rawPath);
    return decoded;
  }

  /** All recorded paths in arrival order (a snapshot). */
  public List<String> paths() {
    return List.copyOf(paths);
  }

  /** The paths exactly as they arrived (still percent-encoded), in arrival order (a snapshot). */
  public List<String> rawPaths() {
    return List.copyOf(rawPaths);
  }

  /** How many requests arrived for {@code path} (decoded form). */
  public int count(String path) {
    AtomicInteger count = counts.get(path);
    return count == null ? 0 : count.get();
  }

  public int total() {
    return paths.size();
  }

  public void clear() {
    paths.clear();
    rawPaths.clear();
    counts.clear();
  }

  /** Percent-decodes a raw request path ({@code +} stays {@code +}); null if it is malformed. */
  private static String decode(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return null;
    }
    try {
      return new URI("http://localhost" + rawPath).getPath();
    } catch (Exception e) {
      return null;
    }
  }
}
