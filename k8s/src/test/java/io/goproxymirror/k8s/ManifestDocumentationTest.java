package io.goproxymirror.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.goproxymirror.config.MirrorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Kubernetes manifests: what they set is documented")
class ManifestDocumentationTest {
  @TempDir Path tmp;

  @Test
  @DisplayName("every environment variable of a mirror container is a config variable of the README's table, or one that the config names through a *-env key and the section Kubernetes describes")
  void envVarsAreDocumented() {
    String readme = Overlays.readme();
    String kubernetes = Overlays.readmeKubernetesSection();
    int n = 0;
    for (String kustomization : Overlays.ALL) {
      Rendered r = Overlays.render(kustomization);
      for (MirrorContainers.InWorkload m : MirrorContainers.of(r)) {
        ContainerFiles files = new ContainerFiles(r, m.workload(), m.container(), tmp.resolve("c" + n++));
        MirrorConfig config = files.loadConfig(m, m.label() + " in " + kustomization);
        Set<String> namedByConfig = new TreeSet<>();
        config.storage().s3().accessKeyEnv().ifPresent(namedByConfig::add);
        config.storage().s3().secretKeyEnv().ifPresent(namedByConfig::add);
        config.metadata().redis().passwordEnv().ifPresent(namedByConfig::add);
        config.git().credentials().forEach(c -> {
          c.tokenEnv().ifPresent(namedByConfig::add);
          c.sshKeyPassphraseEnv().ifPresent(namedByConfig::add);
        });
        for (EnvVar var : m.container().getEnv() == null ? List.<EnvVar>of() : m.container().getEnv()) {
          String name = var.getName();
          String where = m.label() + " in " + kustomization + ": " + name;
          if (name.startsWith("MIRROR_")) {
            assertThat(readme.lines().anyMatch(l -> l.startsWith("| `") && l.contains("`" + name + "`")))
                .as("%s is in the README's configuration table", where).isTrue();
          } else {
            assertThat(namedByConfig).as("%s is named by a *-env key of the configuration", where).contains(name);
            assertThat(kubernetes).as("%s is described in the README's section Kubernetes", where).contains("`" + name + "`");
          }
        }
      }
    }
  }

  @Test
  @DisplayName("every Secret key the manifests refer to (environment, volumes, Ingress TLS) is described with its Secret in the README's section Kubernetes")
  void secretKeysAreDocumented() {
    String kubernetes = Overlays.readmeKubernetesSection();
    Set<String> references = new TreeSet<>();
    for (String kustomization : Overlays.ALL) {
      Rendered r = Overlays.render(kustomization);
      for (Rendered.Workload w : r.workloads()) {
        List<Container> containers = new ArrayList<>(w.template().getSpec().getContainers());
        if (w.template().getSpec().getInitContainers() != null) {
          containers.addAll(w.template().getSpec().getInitContainers());
        }
        for (Container c : containers) {
          for (EnvVar var : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
              references.add(var.getValueFrom().getSecretKeyRef().getName() + " " + var.getValueFrom().getSecretKeyRef().getKey());
            }
          }
        }
        for (Volume v : w.template().getSpec().getVolumes() == null ? List.<Volume>of() : w.template().getSpec().getVolumes()) {
          if (v.getSecret() != null) {
            for (KeyToPath item : v.getSecret().getItems()) {
              references.add(v.getSecret().getSecretName() + " " + item.getKey());
            }
          }
        }
      }
      for (Ingress i : r.all(Ingress.class)) {
        i.getSpec().getTls().forEach(t -> {
          references.add(t.getSecretName() + " tls.crt");
          references.add(t.getSecretName() + " tls.key");
        });
      }
    }
    assertThat(references).contains("goproxy-redis password", "goproxy-mirror-s3 secret-key", "goproxy-mirror-users users.yaml");
    for (String reference : references) {
      String secret = reference.split(" ")[0];
      String key = reference.split(" ")[1];
      assertThat(kubernetes.lines().anyMatch(l -> l.contains("`" + secret + "`") && l.contains("`" + key + "`")))
          .as("a line of the section Kubernetes names Secret %s with its key %s", secret, key).isTrue();
    }
  }

  @Test
  @DisplayName("every metric the PrometheusRule reads is one the README's section Operations documents")
  void ruleMetricsAreDocumented() {
    String readme = Overlays.readme();
    PrometheusRule rule = Overlays.renderWithMonitoring(Overlays.HA).get(PrometheusRule.class, "goproxy-mirror");
    Pattern metric = Pattern.compile("\\bgoproxy_mirror_[a-z_]+");
    List<String> used = new ArrayList<>();
    rule.getSpec().getGroups().forEach(g -> g.getRules().forEach(rr -> {
      Matcher m = metric.matcher(rr.getExpr().getStrVal());
      while (m.find()) {
        used.add(m.group());
      }
    }));
    assertThat(used).isNotEmpty();
    used.forEach(name -> assertThat(readme).as("metric %s", name).contains("`" + name));
  }
}
