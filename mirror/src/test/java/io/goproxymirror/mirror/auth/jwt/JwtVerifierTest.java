package io.goproxymirror.mirror.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JWT verification against a JWKS served on loopback")
class JwtVerifierTest {
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private Vertx vertx;
  private RSAKey rsa;
  private ECKey ec;
  private JwksServer jwks;
  private JwksClient client;
  private MutableClock clock;
  private JwtVerifier verifier;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    rsa = Tokens.rsa("rsa-1");
    ec = Tokens.ec("ec-1");
    jwks = JwksServer.start(vertx, rsa, ec);
    clock = new MutableClock(NOW);
    JwtSettings settings = JwtSettings.of(Tokens.ISSUER, jwks.url(), Tokens.AUDIENCE, "repository_owner");
    client = new JwksClient(vertx, settings);
    verifier = new JwtVerifier(settings, new JwksCache(client::fetch, settings.limits(), clock), clock);
  }

  @AfterEach
  void stop() throws Exception {
    jwks.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("accepts RS256 and ES256 tokens of the issuer for the audience, with the groups claim as a string")
  void accepts() throws Exception {
    JwtIdentity fromRsa = verifier.verify(Tokens.sign(rsa, "rsa-1", Tokens.claims(NOW).build())).blockingGet();
    assertThat(fromRsa.subject()).isEqualTo("repo:corp/app:ref:refs/heads/main");
    assertThat(fromRsa.groups()).containsExactly("corp");
    assertThat(fromRsa.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    JwtIdentity fromEc = verifier.verify(Tokens.sign(ec, "ec-1", Tokens.claims(NOW).build())).blockingGet();
    assertThat(fromEc.groups()).containsExactly("corp");
    assertThat(jwks.requests()).isEqualTo(1);
  }

  @Test
  @DisplayName("reads a list groups claim, and accepts an audience list that contains the audience")
  void listClaims() throws Exception {
    JWTClaimsSet claims = Tokens.claims(NOW).claim("repository_owner", List.of("ci", "developers", 7))
        .audience(List.of("other", Tokens.AUDIENCE)).build();
    assertThat(verifier.verify(Tokens.sign(rsa, "rsa-1", claims)).blockingGet().groups())
        .containsExactlyInAnyOrder("ci", "developers");
  }

  @Test
  @DisplayName("refuses a wrong issuer, a wrong audience, an expired or not yet valid token, and one without exp")
  void refusesClaims() throws Exception {
    assertThat(reason(Tokens.claims(NOW).issuer("https://evil.example.test").build())).isEqualTo(JwtRejection.ISSUER);
    assertThat(reason(Tokens.claims(NOW).audience("someone-else").build())).isEqualTo(JwtRejection.AUDIENCE);
    assertThat(reason(Tokens.claims(NOW).expirationTime(Date.from(NOW.minusSeconds(120))).build()))
        .isEqualTo(JwtRejection.EXPIRED);
    assertThat(reason(Tokens.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(300))).build()))
        .isEqualTo(JwtRejection.NOT_YET_VALID);
    assertThat(reason(Tokens.claims(NOW).expirationTime(null).build())).isEqualTo(JwtRejection.MALFORMED);
  }

  @Test
  @DisplayName("allows 60 s of clock skew on exp and nbf")
  void skew() throws Exception {
    String justExpired = Tokens.sign(rsa, "rsa-1",
        Tokens.claims(NOW).expirationTime(Date.from(NOW.minusSeconds(30))).build());
    assertThat(verifier.verify(justExpired).blockingGet().subject()).isNotEmpty();
    String almostValid = Tokens.sign(rsa, "rsa-1",
        Tokens.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(30))).build());
    assertThat(verifier.verify(almostValid).blockingGet().subject()).isNotEmpty();
  }

  @Test
  @DisplayName("refuses a bad signature: another key under a known kid, and a tampered payload")
  void badSignature() throws Exception {
    String forged = Tokens.sign(Tokens.rsa("rsa-1"), "rsa-1", Tokens.claims(NOW).build());
    assertThat(rejection(forged).reason()).isEqualTo(JwtRejection.SIGNATURE);
    String[] parts = Tokens.sign(rsa, "rsa-1", Tokens.claims(NOW).build()).split("\\.");
    String other = Tokens.sign(rsa, "rsa-1", Tokens.claims(NOW).claim("repository_owner", "admin").build());
    String tampered = parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
    assertThat(rejection(tampered).reason()).isEqualTo(JwtRejection.SIGNATURE);
  }

  @Test
  @DisplayName("refuses an unknown kid after one refresh of the JWKS, and refreshes again only after the interval")
  void unknownKid() throws Exception {
    verifier.verify(Tokens.sign(rsa, "rsa-1", Tokens.claims(NOW).build())).blockingGet();
    assertThat(jwks.requests()).isEqualTo(1);
    String unknown = Tokens.sign(Tokens.rsa("rsa-9"), "rsa-9", Tokens.claims(NOW).build());
    assertThat(rejection(unknown).reason()).isEqualTo(JwtRejection.UNKNOWN_KEY);
    assertThat(jwks.requests()).as("the keys were fetched just now").isEqualTo(1);
    clock.advance(Duration.ofSeconds(61));
    assertThat(rejection(unknown).reason()).isEqualTo(JwtRejection.UNKNOWN_KEY);
    assertThat(jwks.requests()).isEqualTo(2);
    for (int i = 0; i < 5; i++) {
      assertThat(rejection(unknown).reason()).isEqualTo(JwtRejection.UNKNOWN_KEY);
    }
    assertThat(jwks.requests()).as("no fetch within the refresh interval").isEqualTo(2);
    clock.advance(Duration.ofSeconds(61));
    assertThat(rejection(unknown).reason()).isEqualTo(JwtRejection.UNKNOWN_KEY);
    assertThat(jwks.requests()).isEqualTo(3);
  }

  @Test
  @DisplayName("picks up a rotated key: a new kid makes it fetch the JWKS again and the token is accepted")
  void rotation() throws Exception {
    verifier.verify(Tokens.sign(rsa, "rsa-1", Tokens.claims(NOW).build())).blockingGet();
    clock.advance(Duration.ofSeconds(61));
    RSAKey next = Tokens.rsa("rsa-2");
    jwks.keys(next, rsa);
    assertThat(verifier.verify(Tokens.sign(next, "rsa-2", Tokens.claims(NOW).build())).blockingGet().groups())
        .containsExactly("corp");
    assertThat(jwks.requests()).isEqualTo(2);
  }

  @Test
  @DisplayName("refuses HMAC-signed and malformed tokens without fetching keys")
  void algorithmAndShape() throws Exception {
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
        Tokens.claims(NOW).build());
    hmac.sign(new MACSigner(new byte[32]));
    assertThat(rejection(hmac.serialize()).reason()).isEqualTo(JwtRejection.ALGORITHM);
    assertThat(rejection("not.a.jwt").reason()).isEqualTo(JwtRejection.MALFORMED);
    assertThat(jwks.requests()).isZero();
    assertThat(JwtVerifier.looksLikeJwt("a.b.c")).isTrue();
    assertThat(JwtVerifier.looksLikeJwt("abc")).isFalse();
    assertThat(JwtVerifier.looksLikeJwt("a..c")).isFalse();
    assertThat(JwtVerifier.looksLikeJwt("a.b.c.d")).isFalse();
  }

  @Test
  @DisplayName("reports the keys unavailable when the JWKS answers 500, too large a body, or nothing in time")
  void unavailable() throws Exception {
    String token = Tokens.sign(rsa, "rsa-1", Tokens.claims(NOW).build());
    jwks.mode(JwksServer.Mode.ERROR_500);
    assertThat(rejection(token).reason()).isEqualTo(JwtRejection.KEYS_UNAVAILABLE);
    assertThat(rejection(token).reason()).isEqualTo(JwtRejection.KEYS_UNAVAILABLE);
    assertThat(jwks.requests()).as("a failing issuer is asked once per interval").isEqualTo(1);
    clock.advance(Duration.ofSeconds(61));
    jwks.mode(JwksServer.Mode.HUGE);
    assertThat(rejection(token).reason()).isEqualTo(JwtRejection.KEYS_UNAVAILABLE);
    JwtSettings quick = new JwtSettings(Tokens.ISSUER, jwks.url(), Tokens.AUDIENCE, "repository_owner",
        new JwtSettings.Limits(Duration.ofSeconds(60), Duration.ofMillis(500), 1024, Duration.ofSeconds(60),
            Duration.ofHours(1)));
    jwks.mode(JwksServer.Mode.SILENT);
    JwksClient impatient = new JwksClient(vertx, quick);
    JwtVerifier waiting = new JwtVerifier(quick, new JwksCache(impatient::fetch, quick.limits(), clock), clock);
    long started = System.nanoTime();
    JwtRejectedException e = catchThrowableOfType(() -> waiting.verify(token).blockingGet(), JwtRejectedException.class);
    assertThat(e.reason()).isEqualTo(JwtRejection.KEYS_UNAVAILABLE);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  @DisplayName("keeps the keys it has when a later fetch fails")
  void keepsKeys() throws Exception {
    String token = Tokens.sign(rsa, "rsa-1",
        Tokens.claims(NOW).expirationTime(Date.from(NOW.plus(Duration.ofHours(3)))).build());
    verifier.verify(token).blockingGet();
    jwks.mode(JwksServer.Mode.ERROR_500);
    clock.advance(Duration.ofHours(2));
    assertThat(verifier.verify(token).blockingGet().groups()).containsExactly("corp");
    assertThat(jwks.requests()).isEqualTo(2);
  }

  private JwtRejection reason(JWTClaimsSet claims) throws Exception {
    return rejection(Tokens.sign(rsa, "rsa-1", claims)).reason();
  }

  private JwtRejectedException rejection(String token) {
    JwtRejectedException e = catchThrowableOfType(() -> verifier.verify(token).blockingGet(), JwtRejectedException.class);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.getMessage()).doesNotContain(token);
    return e;
  }
}
