package io.goproxymirror.mirror.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.store.EmbeddedMetadataStore;
import io.goproxymirror.mirror.store.MetadataStore;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("kill -9 of the mirror while writes are in flight never leaves a wrong artifact behind")
class CrashLoopTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("10 kill/restart cycles against a slow upstream: every stored artifact byte-exact, lists name"
      + " exactly the stored versions after a restart, and every version served right after the last restart")
  void crashLoop() throws Exception {
    CrashLoopTrial.Settings settings = new CrashLoopTrial.Settings(20261207L, 10, 5, 6, 192, 6,
        Duration.ofMillis(300), Duration.ofMillis(1500), Duration.ofMillis(20), 8 * 1024);
    CrashLoopTrial.Outcome outcome = new CrashLoopTrial(settings, tmp, Map.of(), CrashLoopTest::embedded).run();
    System.out.println("[crash-loop] " + outcome);

    assertThat(outcome.problems()).isEmpty();
    StoreAudit.Result last = outcome.finalAudit();
    int artifacts = settings.modules() * settings.versions() * 3;
    assertThat(last.stored()).isEqualTo(artifacts);
    assertThat(last.verified()).isEqualTo(artifacts);
    assertThat(last.records()).isEqualTo(artifacts);
    assertThat(last.corrupt() + last.partial() + last.stray() + last.listViolations()).isZero();
    assertThat(last.storedZipsMissingFromLists()).as("stored zips missing from their list after the restart").isZero();
    assertThat(outcome.finalServed()).isEqualTo(artifacts);
    assertThat(outcome.answersChecked()).isPositive();
  }

  static Optional<MetadataStore> embedded(Path dataDir) {
    return Optional.of(EmbeddedMetadataStore.open(dataDir, Schedulers.io()));
  }
}
