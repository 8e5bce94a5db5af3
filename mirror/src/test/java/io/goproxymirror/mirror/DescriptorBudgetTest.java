package io.goproxymirror.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the descriptor budget follows the configured pools and the process limit")
class DescriptorBudgetTest {
  private static MirrorConfig config(Map<String, String> env) {
    return ConfigLoader.load(Optional.empty(), env);
  }

  @Test
  @DisplayName("pools grow with upstreams, connections per upstream, I/O threads, Git workers and fetches")
  void countsPools() {
    DescriptorBudget small = DescriptorBudget.of(config(Map.of()), 65536, 4);
    DescriptorBudget larger = DescriptorBudget.of(config(Map.of(
        "MIRROR_UPSTREAM", "https://a.example,https://b.example|direct",
        "MIRROR_FETCH_CONNECTIONS_PER_UPSTREAM", "32")), 65536, 4);
    // defaults: one proxy and one checksum database of 16 connections; b.example and 16 more each
    assertThat(larger.pools() - small.pools()).isEqualTo(32 * 3 - 16 * 2);
  }

  @Test
  @DisplayName("a high limit: no warning, a full open-file cache, thousands of clients")
  void highLimit() {
    DescriptorBudget budget = DescriptorBudget.of(config(Map.of()), 65536, 4);
    assertThat(budget.low()).isFalse();
    assertThat(budget.openFiles()).isEqualTo(DescriptorBudget.MAX_OPEN_FILES);
    assertThat(budget.clientConnections()).isGreaterThan(DescriptorBudget.CLIENT_RESERVE);
  }

  @Test
  @DisplayName("ulimit -n 1024: a warning naming the numbers, a smaller open-file cache, everything within the limit")
  void lowLimit() {
    DescriptorBudget budget = DescriptorBudget.of(config(Map.of()), 1024, 4);
    assertThat(budget.low()).isTrue();
    assertThat(budget.warning()).startsWith("event=descriptor_limit_low limit=1024 recommended=" + budget.recommended())
        .contains("ulimit -n", "LimitNOFILE");
    assertThat(budget.openFiles()).isLessThan(DescriptorBudget.MAX_OPEN_FILES);
    assertThat((long) budget.pools() + budget.openFiles() + budget.clientConnections() + budget.overflowConnections())
        .isLessThan(1024);
    assertThat(budget.clientConnections()).isGreaterThan(100);
  }
}
