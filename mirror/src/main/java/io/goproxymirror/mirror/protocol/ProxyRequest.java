package io.goproxymirror.mirror.protocol;

import io.goproxymirror.gomod.CaseEscaping;
import io.goproxymirror.gomod.InvalidModuleException;
import io.goproxymirror.gomod.ModulePath;
import io.goproxymirror.gomod.NameLengths;
import io.goproxymirror.gomod.Quoted;
import io.goproxymirror.gomod.Semver;
import io.goproxymirror.mirror.errors.BadRequestException;
import io.goproxymirror.mirror.errors.NotFoundException;
import java.util.Objects;

/**
 * One parsed GOPROXY request (PROTOCOL §1.1).
 *
 * @param endpoint which endpoint
 * @param module the unescaped, valid module path
 * @param version the unescaped version; null for {@link Endpoint#LIST} and {@link Endpoint#LATEST}
 * @param query true for an {@link Endpoint#INFO} whose version is not canonical and valid for the
 *     module ({@code master}, {@code v1.2}, {@code v2.0.0} on an unsuffixed path, a commit hash)
 */
public record ProxyRequest(Endpoint endpoint, String module, String version, boolean query) {
  private static final String VERSION_DIR = "/@v/";
  private static final String LATEST_SUFFIX = "/@latest";

  public ProxyRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(module, "module");
    boolean versioned = endpoint != Endpoint.LIST && endpoint != Endpoint.LATEST;
    if (versioned != (version != null)) {
      throw new IllegalArgumentException(endpoint + " request with version " + version);
    }
    try {
      ModulePath.checkPath(module);
      if (version != null) {
        CaseEscaping.escapeVersion(version);
      }
      NameLengths.check(module, version);
    } catch (InvalidModuleException e) {
      throw new BadRequestException(e.getMessage());
    }
  }


  /**
   * Parses a raw request path exactly as received (percent-encoded, query string removed).
   *
   * @throws BadRequestException for malformed paths, modules and versions (400)
   * @throws NotFoundException for paths that are not GOPROXY endpoints (404)
   */
  public static ProxyRequest parse(String rawPath) {
    String path = RequestPathDecoder.decode(rawPath);
    int versionDir = path.indexOf(VERSION_DIR);
    if (versionDir >= 0) {
      String rest = path.substring(versionDir + VERSION_DIR.length());
      String escapedModule = escapedModuleBefore(path, versionDir);
      if (rest.equals("list")) {
        return new ProxyRequest(Endpoint.LIST, module(escapedModule), null, false);
      }
      Endpoint endpoint = versionedEndpoint(rest);
      String escapedVersion = rest.substring(0, rest.lastIndexOf('.'));
      String module = module(escapedModule);
      String version = version(escapedVersion);
      boolean canonicalForModule = isCanonicalFor(module, version);
      if (endpoint != Endpoint.INFO && !canonicalForModule) {
        throw new BadRequestException(
            "version " + Quoted.of(version) + " is not a canonical version of " + module);
      }
      return new ProxyRequest(endpoint, module, version, !canonicalForModule);
    }
    if (path.endsWith(LATEST_SUFFIX)) {
      String escapedModule = escapedModuleBefore(path, path.length() - LATEST_SUFFIX.length());
      return new ProxyRequest(Endpoint.LATEST, module(escapedModule), null, false);
    }
    throw new NotFoundException("not a module proxy path");
  }

  /**
   * The request a client would send for {@code endpoint} of {@code module} at {@code version}
   * (null for {@code LIST} and {@code LATEST}), checked exactly as {@link #parse(String)} checks
   * one: a version that is not canonical for the module makes an {@code .info} a query.
   */
  public static ProxyRequest of(Endpoint endpoint, String module, String version) {
    String path;
    try {
      String base = "/" + CaseEscaping.escapePath(module);
      path = switch (endpoint) {
        case LIST -> base + "/@v/list";
        case LATEST -> base + LATEST_SUFFIX;
        case INFO -> base + VERSION_DIR + CaseEscaping.escapeVersion(version) + ".info";
        case MOD -> base + VERSION_DIR + CaseEscaping.escapeVersion(version) + ".mod";
        case ZIP -> base + VERSION_DIR + CaseEscaping.escapeVersion(version) + ".zip";
      };
    } catch (InvalidModuleException e) {
      throw new BadRequestException(e.getMessage());
    }
    return parse(path);
  }

  public String escapedModule() {
    return CaseEscaping.escape(module);
  }

  /** The escaped version, or null when the endpoint has none. */
  public String escapedVersion() {
    return version == null ? null : CaseEscaping.escape(version);
  }

  /**
   * The key of this answer in the GOPROXY file layout, e.g.
   * {@code github.com/!azure/x/@v/v1.0.0.zip}.
   */
  public String blobKey() {
    return switch (endpoint) {
      case LIST -> escapedModule() + "/@v/list";
      case INFO -> escapedModule() + VERSION_DIR + escapedVersion() + ".info";
      case MOD -> escapedModule() + VERSION_DIR + escapedVersion() + ".mod";
      case ZIP -> escapedModule() + VERSION_DIR + escapedVersion() + ".zip";
      case LATEST -> escapedModule() + LATEST_SUFFIX;
    };
  }

  private static Endpoint versionedEndpoint(String rest) {
    if (rest.endsWith(".info")) {
      return Endpoint.INFO;
    }
    if (rest.endsWith(".mod")) {
      return Endpoint.MOD;
    }
    if (rest.endsWith(".zip")) {
      return Endpoint.ZIP;
    }
    throw new NotFoundException("unknown module proxy endpoint");
  }

  /** The text between the leading '/' and {@code end}; empty when the path starts with a suffix. */
  private static String escapedModuleBefore(String path, int end) {
    return end <= 1 ? "" : path.substring(1, end);
  }

  private static String module(String escapedModule) {
    try {
      return CaseEscaping.unescapePath(escapedModule);
    } catch (InvalidModuleException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  private static String version(String escapedVersion) {
    try {
      return CaseEscaping.unescapeVersion(escapedVersion);
    } catch (InvalidModuleException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  private static boolean isCanonicalFor(String module, String version) {
    if (!Semver.isCanonical(version)) {
      return false;
    }
    try {
      ModulePath.check(module, version);
      return true;
    } catch (InvalidModuleException e) {
      return false;
    }
  }
}
