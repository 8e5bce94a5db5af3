package io.goproxymirror.mirror.fetch.git.locate;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Step 2 of PROTOCOL §3.1: {@code ?go-get=1} discovery. GETs the page for the import path, takes
 * the go-import tag whose prefix is a path prefix of it ({@link MetaImportParser}, {@link
 * MetaImportMatcher}), and, when that prefix is shorter than the import path, GETs the prefix's own
 * page and requires the same tag there (the go command's anti-hijack check). The repository URL
 * must have a scheme other than {@code file}; the vcs must be one the go command knows. A {@code
 * mod} tag is returned as a root with vcs {@link RepoRoot#MOD}; the caller decides what to do with
 * it. The fourth, subdirectory field (Go 1.25+) is accepted and must be a clean relative path.
 *
 * <p>Blocking: run it on a worker pool. Failures: no usable tag, a malformed tag, a page too
 * large to hold its whole head, or a host that does not resolve give {@link NotFoundException}; a
 * page without tags answered with a 5xx status and other network failures give {@link
 * UpstreamFailedException}; timeouts give {@link UpstreamTimeoutException}.
 */
public final class GoImportDiscovery {
  /** Default limit of a go-get page body: 1 MiB. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

  private static final Set<String> KNOWN_VCS = Set.of("bzr", "fossil", "git", "hg", "svn", "mod");

  private final Function<String, String> pageUrl;
  private final GoGetPageFetcher fetcher;

  /**
   * @param pageUrl the go-get URL for an import path; {@link #defaultPageUrl} in production, a
   *     loopback server in tests
   * @param connectTimeout limit for opening each connection
   * @param totalTimeout limit for each page, from request to the last body byte
   * @param maxBodyBytes how much of a page is read at most
   */
  public GoImportDiscovery(Function<String, String> pageUrl, Duration connectTimeout,
      Duration totalTimeout, long maxBodyBytes) {
    this.pageUrl = Objects.requireNonNull(pageUrl, "pageUrl");
    this.fetcher = new GoGetPageFetcher(connectTimeout, totalTimeout, maxBodyBytes);
  }

  /** Discovery over https with the default body limit. */
  public GoImportDiscovery(Duration connectTimeout, Duration totalTimeout) {
    this(GoImportDiscovery::defaultPageUrl, connectTimeout, totalTimeout, DEFAULT_MAX_BODY_BYTES);
  }

  /** {@code https://<import path>?go-get=1}, as the go command asks in secure mode. */
  public static String defaultPageUrl(String importPath) {
    return "https://" + importPath + "?go-get=1";
  }

  /** The repository root announced for {@code importPath}. Blocking. */
  public RepoRoot discover(String importPath) {
    Fetched first = fetchImports(importPath);
    MetaImport chosen = MetaImportMatcher.select(first.result().imports(), importPath, first.url());
    if (!chosen.prefix().equals(importPath)) {
      Fetched second;
      try {
        second = fetchImports(chosen.prefix());
      } catch (NotFoundException e) {
        throw new NotFoundException(importPath + ": cannot confirm go-import for " + chosen.prefix()
            + " (" + e.getMessage() + ")", e);
      }
      MetaImport again = null;
      try {
        again = MetaImportMatcher.select(second.result().imports(), importPath, second.url());
      } catch (NotFoundException e) {
        // reported as a disagreement below
      }
      if (!chosen.equals(again)) {
        throw new NotFoundException(importPath + ": " + first.url() + " and " + second.url()
            + " disagree about go-import for " + chosen.prefix());
      }
    }
    return toRoot(importPath, chosen, first.url());
  }

  private record Fetched(String url, MetaImportParser.Result result) {}

  private Fetched fetchImports(String path) {
    int slash = path.indexOf('/');
    if (!(slash < 0 ? path : path.substring(0, slash)).contains(".")) {
      throw new NotFoundException(path + ": import path does not begin with a host name");
    }
    GoGetPageFetcher.Page page;
    try {
      page = fetcher.fetch(URI.create(pageUrl.apply(path)));
    } catch (IllegalArgumentException e) {
      throw new NotFoundException(path + ": cannot form a go-get URL for this path");
    }
    String html = new String(page.body(), StandardCharsets.UTF_8);
    if (page.truncated()) {
      int lastTagEnd = html.lastIndexOf('>');
      html = lastTagEnd < 0 ? "" : html.substring(0, lastTagEnd + 1);
    }
    MetaImportParser.Result result = MetaImportParser.parse(html);
    if (page.truncated() && !result.headEnded()) {
      throw new NotFoundException(path + ": go-get page " + page.url()
          + " has no end of <head> in its first " + page.body().length + " bytes");
    }
    if (result.imports().isEmpty()) {
      String status = page.status() == 200 ? "" : " (status " + page.status() + ")";
      String message = path + ": no go-import meta tags at " + page.url() + status;
      throw page.status() >= 500 ? new UpstreamFailedException(message) : new NotFoundException(message);
    }
    return new Fetched(page.url(), result);
  }

  private static RepoRoot toRoot(String importPath, MetaImport tag, String where) {
    String scheme = RepoUrls.scheme(tag.repoUrl());
    if (scheme.isEmpty() || scheme.equalsIgnoreCase("file")) {
      String why = scheme.isEmpty() ? "no scheme" : "file scheme disallowed";
      throw new NotFoundException(importPath + ": " + where + ": invalid repo root "
          + SafeUrl.redact(tag.repoUrl()) + ": " + why);
    }
    if (!KNOWN_VCS.contains(tag.vcs())) {
      throw new NotFoundException(importPath + ": " + where + ": unknown vcs " + tag.vcs());
    }
    if (!tag.subdir().isEmpty() && !RepoUrls.isCleanRelativePath(tag.subdir())) {
      throw new NotFoundException(importPath + ": " + where + ": invalid subdirectory " + tag.subdir());
    }
    return new RepoRoot(tag.prefix(), tag.repoUrl(), tag.vcs(), tag.subdir());
  }
}
