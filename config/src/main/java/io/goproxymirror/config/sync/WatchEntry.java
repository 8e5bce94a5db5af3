package io.goproxymirror.config.sync;

import io.goproxymirror.gomod.PathPatterns;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the watch list: which modules, which of their versions, and how often to list them.
 *
 * <p>{@code path} is a module path or a glob in GOPRIVATE syntax, matched like an entry of the
 * {@code private} key ({@link PathPatterns}): a path with N slashes matches every module whose first
 * N+1 path elements match it, so {@code github.com/spf13/cobra} also covers {@code
 * github.com/spf13/cobra/v2}, and {@code github.com/acme/*} every module of that organisation.
 */
public final class WatchEntry {

  private final String path;
  private final PathPatterns matcher;
  private final VersionPolicy versions;
  private final Optional<Duration> poll;

  /**
   * @param path a module path or glob, checked by {@link PathPatterns#parse(String)}
   * @throws IllegalArgumentException when the glob is malformed or holds a comma
   */
  public WatchEntry(String path, VersionPolicy versions, Optional<Duration> poll) {
    if (path.indexOf(',') >= 0) {
      throw new IllegalArgumentException("one module path or glob per entry, without commas");
    }
    this.matcher = PathPatterns.parse(path);
    if (matcher.isEmpty()) {
      throw new IllegalArgumentException("must not be empty");
    }
    this.path = matcher.toString();
    this.versions = Objects.requireNonNull(versions, "versions");
    this.poll = Objects.requireNonNull(poll, "poll");
  }

  /** The module path or glob, as matched (trimmed, without a trailing slash). */
  public String path() {
    return path;
  }

  /** Whether {@link #path()} has glob characters, so it cannot be listed as one module. */
  public boolean isGlob() {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
  }

  /** Whether this entry covers the module {@code modulePath}. */
  public boolean matches(String modulePath) {
    return matcher.matches(modulePath);
  }

  public VersionPolicy versions() {
    return versions;
  }

  /** The {@code poll} key: how often the watched modules are listed, when given. */
  public Optional<Duration> poll() {
    return poll;
  }

  /** {@link #poll()}, or {@code defaultInterval} (the index poll interval) when not given. */
  public Duration pollOr(Duration defaultInterval) {
    return poll.orElse(defaultInterval);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatchEntry other
        && path.equals(other.path)
        && versions.equals(other.versions)
        && poll.equals(other.poll);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, versions, poll);
  }

  @Override
  public String toString() {
    return path + " " + versions + poll.map(p -> " poll " + p).orElse("");
  }
}
