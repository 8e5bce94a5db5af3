package io.goproxymirror.mirror.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("TestChecksumDatabase: a signed, tiled transparency log")
class TestChecksumDatabaseTest {
  private static final String NAME = "sum.test.example";
  /** The DER prefix of an X.509 Ed25519 public key; the raw 32 bytes follow. */
  private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
  private final HttpClient http = HttpClient.newHttpClient();
  private TestChecksumDatabase database;

  @BeforeEach
  void start(Vertx vertx) {
    database = TestChecksumDatabase.start(vertx, NAME);
  }

  @AfterEach
  void stop() {
    database.close();
  }

  private static byte[] sha256(byte prefix, byte[]... parts) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    digest.update(prefix);
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(database.baseUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  @DisplayName("the root of three records is H(1 || H(1 || leaf0 || leaf1) || leaf2), leaves H(0 || record)")
  void rootOfThreeRecords() throws Exception {
    TransparentLog log = new TransparentLog();
    String[] records = {"a v1.0.0 h1:A=\na v1.0.0/go.mod h1:B=\n", "b v1.0.0 h1:C=\n", "c v2.0.0 h1:D=\n"};
    for (String record : records) {
      log.append(record);
    }
    byte[] leaf0 = sha256((byte) 0, utf8(records[0]));
    byte[] leaf1 = sha256((byte) 0, utf8(records[1]));
    byte[] leaf2 = sha256((byte) 0, utf8(records[2]));
    byte[] root = sha256((byte) 1, sha256((byte) 1, leaf0, leaf1), leaf2);
    assertThat(log.rootHash(3)).isEqualTo(root);
    assertThat(log.rootHash(2)).isEqualTo(sha256((byte) 1, leaf0, leaf1));
    assertThat(log.rootHash(1)).isEqualTo(leaf0);
    assertThat(log.treeText()).isEqualTo("go.sum database tree\n3\n" + Base64.getEncoder().encodeToString(root) + "\n");
    byte[] tile = log.hashTile(0, 0, 3).orElseThrow();
    assertThat(Arrays.copyOfRange(tile, 32, 64)).isEqualTo(leaf1);
    assertThat(tile).hasSize(96);
    assertThat(log.hashTile(0, 0, 4)).isEmpty();
    assertThat(log.hashTile(1, 0, 1)).isEmpty();
    assertThat(new String(log.dataTile(0, 2).orElseThrow(), StandardCharsets.UTF_8))
        .isEqualTo(records[0] + "\n" + records[1] + "\n");
  }

  @Test
  @DisplayName("signs the tree head with the key named by its verifier key, in the note format")
  void signedNote() throws Exception {
    database.add("example.com/a", "v1.0.0", "h1:zip=", "h1:mod=");
    String[] key = database.verifierKey().split("\\+", 3);
    assertThat(key).hasSize(3);
    assertThat(key[0]).isEqualTo(NAME);
    byte[] publicKey = Base64.getDecoder().decode(key[2]);
    assertThat(publicKey).hasSize(33);
    assertThat(publicKey[0]).isEqualTo((byte) 1);
    byte[] keyHash = Arrays.copyOf(
        MessageDigest.getInstance("SHA-256").digest(concat(utf8(NAME + "\n"), publicKey)), 4);
    assertThat(key[1]).isEqualTo(HexFormat.of().formatHex(keyHash));

    String note = new String(get("/latest").body(), StandardCharsets.UTF_8);
    int blank = note.indexOf("\n\n");
    String text = note.substring(0, blank + 1);
    assertThat(text).startsWith("go.sum database tree\n1\n");
    String sigLine = note.substring(blank + 2);
    assertThat(sigLine).startsWith("\u2014 " + NAME + " ").endsWith("\n");
    byte[] sig = Base64.getDecoder().decode(sigLine.substring(("\u2014 " + NAME + " ").length()).strip());
    assertThat(Arrays.copyOf(sig, 4)).isEqualTo(keyHash);
    PublicKey verifierKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
        concat(ED25519_X509_PREFIX, Arrays.copyOfRange(publicKey, 1, 33))));
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(verifierKey);
    verifier.update(utf8(text));
    assertThat(verifier.verify(Arrays.copyOfRange(sig, 4, sig.length))).isTrue();
  }

  @Test
  @DisplayName("answers lookups by escaped path with id, record and signed head, and tiles within the tree")
  void endpoints() throws Exception {
    database.add("example.com/a", "v1.0.0", "h1:zip=", "h1:mod=");
    database.add("github.com/Acme/Up", "v1.2.0", "h1:up=", "h1:upmod=");
    String record = "github.com/Acme/Up v1.2.0 h1:up=\ngithub.com/Acme/Up v1.2.0/go.mod h1:upmod=\n";
    HttpResponse<byte[]> lookup = get("/lookup/github.com/%21acme/%21up@v1.2.0");
    assertThat(lookup.statusCode()).isEqualTo(200);
    assertThat(new String(lookup.body(), StandardCharsets.UTF_8))
        .isEqualTo("1\n" + record + "\n" + database.signedTree());
    assertThat(database.record("github.com/Acme/Up", "v1.2.0")).hasValue(record);
    assertThat(get("/lookup/example.com/b@v1.0.0").statusCode()).isEqualTo(404);
    assertThat(get("/tile/8/0/000.p/2").body()).hasSize(64);
    assertThat(get("/tile/8/0/000.p/1").body()).isEqualTo(sha256((byte) 0, utf8(
        "example.com/a v1.0.0 h1:zip=\nexample.com/a v1.0.0/go.mod h1:mod=\n")));
    assertThat(get("/tile/8/0/000.p/3").statusCode()).isEqualTo(404);
    assertThat(get("/tile/8/0/000").statusCode()).isEqualTo(404);
    assertThat(new String(get("/tile/8/data/000.p/2").body(), StandardCharsets.UTF_8)).endsWith(record + "\n");
    assertThat(database.requests().paths()).contains("/lookup/github.com/!acme/!up@v1.2.0", "/tile/8/0/000.p/2");
  }

  @Test
  @DisplayName("serves full tiles at level 0 and a level-1 tile once 256 records exist")
  void fullTiles() throws Exception {
    for (int i = 0; i < 256; i++) {
      database.add("example.com/m" + i, "v1.0.0", "h1:" + i + "=", "h1:mod" + i + "=");
    }
    assertThat(get("/tile/8/0/000").body()).hasSize(256 * 32);
    String tree = new String(get("/latest").body(), StandardCharsets.UTF_8).split("\n")[2];
    assertThat(Base64.getEncoder().encodeToString(get("/tile/8/1/000.p/1").body())).isEqualTo(tree);
    assertThat(get("/tile/8/0/001.p/1").statusCode()).isEqualTo(404);
    assertThat(get("/tile/8/data/000").body()).isNotEmpty();
  }

  @Test
  @DisplayName("stops listening and comes back on the same port with its records")
  void stopAndRestart() throws Exception {
    database.add("example.com/a", "v1.0.0", "h1:zip=", "h1:mod=");
    String url = database.baseUrl();
    database.stop();
    Assertions.assertThatThrownBy(() -> get("/latest")).isInstanceOf(ConnectException.class);
    database.restart();
    assertThat(database.baseUrl()).isEqualTo(url);
    assertThat(get("/lookup/example.com/a@v1.0.0").statusCode()).isEqualTo(200);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
