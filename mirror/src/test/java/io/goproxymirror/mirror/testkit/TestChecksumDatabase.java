package io.goproxymirror.mirror.testkit;

import io.goproxymirror.gomod.CaseEscaping;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real checksum database on a loopback port, as the go command expects one (PROTOCOL §5): an
 * Ed25519-signed tree head ({@code /latest}), {@code /lookup/<esc path>@<esc version>} answering
 * {@code <id>\n<record>\n<signed tree head>}, and hash and data tiles of height 8
 * ({@code /tile/8/<L|data>/<NNN>[.p/<W>]}). Tests add records at runtime, right or wrong; the
 * database signs whatever it holds. Unknown records, tiles beyond the tree and anything else are
 * 404. Every request path is recorded; {@link #stop()} and {@link #restart()} take it off and back
 * onto the same port.
 */
public final class TestChecksumDatabase implements AutoCloseable {
  private static final Pattern TILE =
      Pattern.compile("/tile/8/(data|[0-9]+)/((?:x[0-9]{3}/)*[0-9]{3})(?:\\.p/([0-9]+))?");
  private final Vertx vertx;
  private final String name;
  private final NoteSigner signer;
  private final TransparentLog log = new TransparentLog();
  private final Map<String, Long> ids = new ConcurrentHashMap<>();
  private final RequestLog requests = new RequestLog();
  private int port;
  private LoopbackServer server;

  private TestChecksumDatabase(Vertx vertx, String name) {
    this.vertx = vertx;
    this.name = name;
    this.signer = new NoteSigner(name);
  }

  /** Starts a database called {@code name} with a new key; blocks until listening. */
  public static TestChecksumDatabase start(Vertx vertx, String name) {
    TestChecksumDatabase database = new TestChecksumDatabase(vertx, name);
    database.restart();
    return database;
  }

  /**
   * Appends the record of {@code module@version}: its zip hash line and its go.mod hash line
   * (both {@code h1:...}). Returns the record id.
   */
  public long add(String module, String version, String zipHash, String goModHash) {
    String record = module + " " + version + " " + zipHash + "\n" + module + " " + version + "/go.mod " + goModHash + "\n";
    synchronized (log) {
      if (ids.containsKey(module + "@" + version)) {
        throw new IllegalStateException(module + "@" + version + " is already in the log");
      }
      long id = log.append(record);
      ids.put(module + "@" + version, id);
      return id;
    }
  }

  /** The record text (go.sum lines) of {@code module@version}, if added. */
  public Optional<String> record(String module, String version) {
    return Optional.ofNullable(ids.get(module + "@" + version)).map(log::record);
  }

  /** The current tree head as a signed note. */
  public String signedTree() {
    return signer.sign(log.treeText());
  }

  /** The database name (the first element of a GOSUMDB setting). */
  public String name() {
    return name;
  }

  /** {@code <name>+<hash>+<key>}, for {@code GOSUMDB}. */
  public String verifierKey() {
    return signer.verifierKey();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public RequestLog requests() {
    return requests;
  }

  /** Stops listening (the database is unreachable; its records stay). */
  public synchronized void stop() {
    if (server != null) {
      LoopbackServer.await(server.close());
      server = null;
    }
  }

  /** Listens again, on the same port as before (a free one the first time). */
  public synchronized void restart() {
    if (server == null) {
      server = LoopbackServer.await(LoopbackServer.listen(vertx, port, this::handle));
      port = server.port();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void handle(HttpServerRequest request) {
    String path = requests.record(request.path());
    Optional<Buffer> body = path == null ? Optional.empty() : answer(path);
    if (body.isEmpty()) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=UTF-8")
          .end("not found\n");
      return;
    }
    String type = path.startsWith("/tile/") && !path.startsWith("/tile/8/data/")
        ? "application/octet-stream" : "text/plain; charset=UTF-8";
    request.response().putHeader("Content-Type", type).end(body.get());
  }

  private Optional<Buffer> answer(String path) {
    if (path.equals("/latest")) {
      return Optional.of(Buffer.buffer(signedTree()));
    }
    if (path.startsWith("/lookup/")) {
      return lookup(path.substring("/lookup/".length()));
    }
    Matcher tile = TILE.matcher(path);
    if (!tile.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(tile.group(2).replace("x", "").replace("/", ""));
    int width = tile.group(3) == null ? 1 << TransparentLog.TILE_HEIGHT : Integer.parseInt(tile.group(3));
    if (width < 1 || width > 1 << TransparentLog.TILE_HEIGHT) {
      return Optional.empty();
    }
    Optional<byte[]> data = tile.group(1).equals("data")
        ? log.dataTile(n, width)
        : log.hashTile(Integer.parseInt(tile.group(1)), n, width);
    return data.map(Buffer::buffer);
  }

  private Optional<Buffer> lookup(String target) {
    int at = target.lastIndexOf('@');
    if (at <= 0) {
      return Optional.empty();
    }
    Long id;
    String signed;
    try {
      String module = CaseEscaping.unescapePath(target.substring(0, at));
      String version = CaseEscaping.unescapeVersion(target.substring(at + 1));
      id = ids.get(module + "@" + version);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
    if (id == null) {
      return Optional.empty();
    }
    signed = signedTree();
    return Optional.of(Buffer.buffer(id + "\n" + log.record(id) + "\n" + signed));
  }
}
