package io.goproxymirror.mirror;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Seeded generator of hostile requests: a valid GOPROXY, checksum-database, admin or operations
 * path, then up to four mutations (percent-encodings valid, invalid and doubled, {@code %00},
 * encoded dots and slashes, dot segments, unicode, very long segments, upper case and {@code !}
 * escapes, empty segments, query strings, odd bytes, cuts), an odd method now and then and some
 * headers. The same seed gives the same requests.
 */
final class HostileRequestGenerator implements Supplier<HostileRequest> {
  private static final List<String> ODD_METHODS = List.of(
      "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "get", "G3T", "MKCOL", "HEAD", "HEAD");
  private static final List<String> VERSIONS = List.of(
      "v1.0.0", "v1.2.3", "v0.0.0-20240101000000-abcdefabcdef", "v2.0.0+incompatible", "v1.0.0-rc.1", "master",
      "v1", "v1.2", "latest", "abc1234", "v1.0.0+meta", "!v1.0.0", "V1.0.0");
  private static final List<String> ODD = List.of(
      " ", "#", "%", "^", "{", "}", "[", "]", "|", "\\", "\"", "<", ">", "`", "'", "*", ":", ";", "?", "&", "=", "+",
      "$", ",", "@", "!", "~", "(", ")", "\t", "\u007f");
  private static final List<String> ESCAPES = List.of(
      "%00", "%2e%2e", "%2E%2E", "%2f", "%2F", "%5c", "%2e", "%252e%252e", "%252f", "%c0%ae", "%c0%af", "%e2%80%ae",
      "%ff", "%0a", "%0d%0a", "%20", "%21", "%25", "%", "%G1", "%4", "%%", "%u002e", "%3f", "%23", "%40", "%7e");
  private static final List<String> UNICODE = List.of(
      "é", "ü", "ß", "Ａ", "\u202e", "\u200b", "日本", "\uD83D\uDE00", "\uFEFF", "Ω", "ı", "K");

  private final SplittableRandom random;
  private final List<String> modules;
  private final List<String> databases;
  private final List<String> authorizations;

  /**
   * @param modules escaped module paths to build on (known and unknown ones)
   * @param databases checksum database names (configured and not)
   * @param authorizations {@code Authorization} values to send now and then (a valid one too, so
   *     that the admin API's own handlers are reached)
   */
  HostileRequestGenerator(long seed, List<String> modules, List<String> databases, List<String> authorizations) {
    this.random = new SplittableRandom(seed);
    this.modules = modules;
    this.databases = databases;
    this.authorizations = authorizations;
  }

  @Override
  public HostileRequest get() {
    String target = mutate(basePath());
    String method = random.nextInt(5) == 0 ? pick(ODD_METHODS) : "GET";
    Map<String, String> headers = headers();
    if (target.startsWith("/admin") && random.nextInt(2) == 0) {
      headers.put("Authorization", pick(authorizations));
    }
    byte[] body = new byte[0];
    if ((method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) && random.nextInt(2) == 0) {
      body = randomBody();
      headers.put("Content-Length", Integer.toString(body.length));
    }
    return new HostileRequest(method, target.getBytes(StandardCharsets.ISO_8859_1), headers, body);
  }

  private String basePath() {
    String module = pick(modules);
    String version = pick(VERSIONS);
    return switch (random.nextInt(16)) {
      case 0, 1 -> "/" + module + "/@v/list";
      case 2, 3 -> "/" + module + "/@v/" + version + ".info";
      case 4 -> "/" + module + "/@v/" + version + ".mod";
      case 5 -> "/" + module + "/@v/" + version + ".zip";
      case 6 -> "/" + module + "/@latest";
      case 7 -> "/sumdb/" + pick(databases) + "/supported";
      case 8 -> "/sumdb/" + pick(databases) + "/lookup/" + module + "@" + version;
      case 9 -> "/sumdb/" + pick(databases) + "/" + pick(List.of(
          "tile/8/0/000", "tile/8/0/x001/234", "tile/8/1/005.p/12", "tile/8/data/000", "latest"));
      case 10 -> pick(List.of("/admin/warm", "/admin/warm/" + random.nextInt(1000), "/admin/sync", "/admin/",
          "/admin"));
      case 11 -> pick(List.of("/healthz", "/readyz", "/metrics", "/status/upstreams"));
      case 12 -> pick(List.of("/", "/sumdb", "/sumdb/", "/@v/list", "/@latest", "//@v/list", "/favicon.ico"));
      default -> "/" + module + "/@v/" + randomVersion() + pick(List.of(".info", ".mod", ".zip", ""));
    };
  }

  private String randomVersion() {
    StringBuilder out = new StringBuilder(random.nextInt(2) == 0 ? "v" : "");
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      out.append(random.nextInt(3) == 0 ? pick(ODD) : Character.toString('a' + random.nextInt(26)));
    }
    return out.toString();
  }

  private String mutate(String path) {
    String out = path;
    int mutations = random.nextInt(5);
    for (int i = 0; i < mutations; i++) {
      out = mutateOnce(out);
    }
    return out.isEmpty() ? "/" : out;
  }

  private String mutateOnce(String path) {
    int at = path.isEmpty() ? 0 : random.nextInt(path.length() + 1);
    return switch (random.nextInt(15)) {
      case 0 -> percentEncodeOne(path);
      case 1 -> insert(path, at, pick(ESCAPES));
      case 2 -> insert(path, at, pick(List.of("/..", "/.", "/../..", "//", "/./", "..", "/%2e%2e/", "/../../etc/passwd")));
      case 3 -> insert(path, at, utf8AsBytes(pick(UNICODE)));
      case 4 -> insert(path, at, "a".repeat(1 + random.nextInt(8)).repeat(random.nextInt(2) == 0 ? 300 : 1200));
      case 5 -> upperCaseOne(path);
      case 6 -> insert(path, at, pick(List.of("!", "!!", "!A", "!1", "%21", "%21%21")));
      case 7 -> insert(path, at, "/");
      case 8 -> path + pick(List.of("?", "?go-get=1", "?x=%zz", "?a=" + "b".repeat(500), "?%00", "#frag", "?/../x"));
      case 9 -> insert(path, at, pick(ODD));
      case 10 -> at == 0 ? path : path.substring(0, at);
      case 11 -> at >= path.length() ? path : path.substring(0, at) + path.substring(at + 1);
      case 12 -> doubleEncodeOne(path);
      case 13 -> path.replace("/@v/", pick(List.of("/@V/", "/@v//", "/%40v/", "/@v/../", "/@v/./", "/@v/@v/")));
      default -> path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
    };
  }

  private String percentEncodeOne(String path) {
    if (path.isEmpty()) {
      return path;
    }
    int at = random.nextInt(path.length());
    String hex = String.format(random.nextInt(2) == 0 ? "%%%02X" : "%%%02x", path.charAt(at) & 0xff);
    return path.substring(0, at) + hex + path.substring(at + 1);
  }

  private String doubleEncodeOne(String path) {
    int percent = path.indexOf('%');
    if (percent < 0) {
      return percentEncodeOne(path).replaceFirst("%", "%25");
    }
    return path.substring(0, percent) + "%25" + path.substring(percent + 1);
  }

  private String upperCaseOne(String path) {
    for (int tries = 0; tries < 8 && !path.isEmpty(); tries++) {
      int at = random.nextInt(path.length());
      char c = path.charAt(at);
      if (c >= 'a' && c <= 'z') {
        return path.substring(0, at) + (char) (c - 32) + path.substring(at + 1);
      }
    }
    return path;
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    int n = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(9)) {
        case 0 -> headers.put("If-None-Match", pick(List.of("\"x\"", "*", "\"" + "f".repeat(64) + "\"", "W/\"a\"")));
        case 1 -> headers.put("Range", pick(List.of("bytes=0-0", "bytes=-1", "bytes=5-2", "bytes=0-99999999999",
            "bytes=x")));
        case 2 -> headers.put("Authorization", pick(List.of("Bearer x", "Basic Og==", "Basic !!!", "Bearer "
            + "t".repeat(40))));
        case 3 -> headers.put("Accept-Encoding", pick(List.of("gzip", "br, deflate", "*", "identity;q=0")));
        case 4 -> headers.put("Accept", pick(List.of("*/*", "application/json", "text/html")));
        case 5 -> headers.put("X-Forwarded-For", "127.0.0.1, ::1");
        case 6 -> headers.put("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT");
        case 7 -> headers.put("Cookie", "a=" + "c".repeat(random.nextInt(200)));
        default -> headers.put("X-Odd", pick(List.of("", " ", "é", "\u0001")));
      }
    }
    return headers;
  }

  private byte[] randomBody() {
    if (random.nextInt(3) == 0) {
      return "module example.com/m\n\nrequire example.com/x v1.0.0\n".getBytes(StandardCharsets.UTF_8);
    }
    byte[] body = new byte[random.nextInt(2048)];
    random.nextBytes(body);
    return body;
  }

  private static String insert(String path, int at, String text) {
    return path.substring(0, at) + text + path.substring(at);
  }

  /** The UTF-8 bytes of {@code text}, one char per byte, to be sent raw (ISO-8859-1). */
  private static String utf8AsBytes(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
