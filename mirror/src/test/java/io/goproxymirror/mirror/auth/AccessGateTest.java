package io.goproxymirror.mirror.auth;

import static io.goproxymirror.mirror.auth.AuthorizationHeaderTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.auth.users.TokenHash;
import io.goproxymirror.mirror.auth.users.User;
import io.goproxymirror.mirror.auth.users.Users;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the access gate")
class AccessGateTest {
  private static final String DEV_TOKEN = "dev-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String ROOT_TOKEN = "root-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  private final AtomicReference<Users> users = new AtomicReference<>(new Users(List.of(
      new User("dev", TokenHash.of(DEV_TOKEN), Set.of("developers")),
      new User("root", TokenHash.of(ROOT_TOKEN), Set.of("admin")))));
  private final AtomicLong nanos = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  AccessGate gate(Anonymous anonymous) {
    Authenticator authenticator = new Authenticator(users::get, Optional.empty(),
        new CredentialCache(CredentialCache.Settings.DEFAULT, Clock.systemUTC()));
    return new AccessGate(new AccessPolicy(AccessPolicyTest.settings(anonymous)), authenticator,
        new FailureThrottle(new FailureThrottle.Settings(3, Duration.ofSeconds(60), 1000), nanos::get),
        new AuthMetrics(registry));
  }

  private static AccessDecision decide(AccessGate gate, String header, Resource resource) {
    return gate.decide(new AccessRequest("192.0.2.7", header, resource)).blockingGet();
  }

  @Test
  @DisplayName("anonymous clients read public modules; restricted ones answer 401 with the Basic challenge")
  void anonymous() {
    AccessGate gate = gate(Anonymous.PUBLIC);
    assertThat(decide(gate, null, Resource.module("github.com/x/y")).allowed()).isTrue();
    AccessDecision restricted = decide(gate, null, Resource.module("git.corp.example.com/app"));
    assertThat(restricted.status()).isEqualTo(401);
    assertThat(restricted.challenges()).containsExactly("Basic realm=\"goproxy-mirror\"");
    assertThat(restricted.message()).startsWith("authentication required").doesNotContain("\n");
    assertThat(restricted.failure()).contains(FailureReason.MISSING);
    assertThat(decide(gate(Anonymous.NONE), null, Resource.module("github.com/x/y")).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("a principal in the group reads; one outside gets 403 alike for any module path; bad credentials 401")
  void groups() {
    AccessGate gate = gate(Anonymous.PUBLIC);
    AccessDecision ok = decide(gate, basic("dev", DEV_TOKEN), Resource.module("git.corp.example.com/app"));
    assertThat(ok.allowed()).isTrue();
    assertThat(ok.principal().map(Principal::name)).contains("dev");
    assertThat(decide(gate, "Bearer " + DEV_TOKEN, Resource.module("git.corp.example.com/app")).allowed()).isTrue();
    AccessDecision present = decide(gate, basic("root", ROOT_TOKEN), Resource.module("git.corp.example.com/app"));
    AccessDecision absent = decide(gate, basic("root", ROOT_TOKEN), Resource.module("git.corp.example.com/no-such-module"));
    assertThat(present.status()).isEqualTo(403);
    assertThat(absent.status()).isEqualTo(403);
    assertThat(absent.message()).isEqualTo(present.message()).doesNotContain("no-such-module");
    AccessDecision wrong = decide(gate, basic("dev", ROOT_TOKEN), Resource.module("github.com/x/y"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.failure()).contains(FailureReason.WRONG_TOKEN);
    assertThat(decide(gate, basic("ghost", DEV_TOKEN), Resource.module("github.com/x/y")).failure())
        .contains(FailureReason.UNKNOWN_USER);
  }

  @Test
  @DisplayName("group admin may use the admin API; metrics and status follow anonymous")
  void adminAndStatus() {
    AccessGate gate = gate(Anonymous.NONE);
    assertThat(decide(gate, basic("root", ROOT_TOKEN), Resource.admin()).allowed()).isTrue();
    assertThat(decide(gate, basic("dev", DEV_TOKEN), Resource.admin()).status()).isEqualTo(403);
    assertThat(decide(gate, null, Resource.admin()).status()).isEqualTo(401);
    assertThat(decide(gate, null, Resource.status()).status()).isEqualTo(401);
    assertThat(decide(gate, basic("dev", DEV_TOKEN), Resource.status()).allowed()).isTrue();
    assertThat(decide(gate(Anonymous.PUBLIC), null, Resource.status()).allowed()).isTrue();
  }

  @Test
  @DisplayName("throttles an address after repeated failures (429 with Retry-After) while recently validated credentials still pass")
  void throttles() {
    AccessGate gate = gate(Anonymous.PUBLIC);
    Resource module = Resource.module("git.corp.example.com/app");
    assertThat(decide(gate, basic("dev", DEV_TOKEN), module).allowed()).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(decide(gate, basic("dev", "guess-" + i), module).status()).isEqualTo(401);
    }
    AccessDecision throttled = decide(gate, basic("dev", "guess-3"), module);
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(60));
    assertThat(throttled.message()).contains("retry in 60 s");
    assertThat(decide(gate, basic("dev", DEV_TOKEN), module).allowed()).as("cached, not a guess").isTrue();
    assertThat(decide(gate, basic("root", ROOT_TOKEN), module).status()).as("not checked while throttled").isEqualTo(429);
    assertThat(decide(gate, null, Resource.module("github.com/x/y")).allowed()).as("anonymous reads go on").isTrue();
    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(decide(gate, basic("root", ROOT_TOKEN), module).status()).isEqualTo(403);
    assertThat(registry.get("goproxy_mirror_auth_requests").tag("result", "throttled").functionCounter().count()).isEqualTo(2.0);
    assertThat(registry.get("goproxy_mirror_auth_failures").tag("reason", "wrong_token").functionCounter().count()).isEqualTo(3.0);
  }

  @Test
  @DisplayName("without JWTs every request is decided at once, without an Rx step, and counted once")
  void decidedAtOnce() {
    AccessGate gate = gate(Anonymous.NONE);
    Resource module = Resource.module("git.corp.example.com/app");
    List<String> headers = List.of(basic("dev", DEV_TOKEN), basic("dev", DEV_TOKEN), basic("dev", "guess"), "Bearer " + ROOT_TOKEN);
    for (String header : headers) {
      assertThat(gate.decideNow(new AccessRequest("192.0.2.9", header, module))).isPresent();
    }
    assertThat(gate.decideNow(new AccessRequest("192.0.2.9", null, module)))
        .hasValueSatisfying(d -> assertThat(d.status()).isEqualTo(401));
    double counted = registry.find("goproxy_mirror_auth_requests").functionCounters().stream().mapToDouble(c -> c.count()).sum();
    assertThat(counted).isEqualTo(5.0);
  }

  @Test
  @DisplayName("a users reload takes effect at once, also for cached credentials")
  void reload() {
    AccessGate gate = gate(Anonymous.PUBLIC);
    Resource module = Resource.module("git.corp.example.com/app");
    assertThat(decide(gate, basic("dev", DEV_TOKEN), module).allowed()).isTrue();
    users.set(new Users(List.of(new User("root", TokenHash.of(ROOT_TOKEN), Set.of("admin")))));
    assertThat(decide(gate, basic("dev", DEV_TOKEN), module).status()).isEqualTo(401);
  }
}
