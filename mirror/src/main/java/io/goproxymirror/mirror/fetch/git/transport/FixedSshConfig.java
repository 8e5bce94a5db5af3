package io.goproxymirror.mirror.fetch.git.transport;

import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.SshConfigStore;

/**
 * The SSH client settings of one credential rule, used instead of any {@code ~/.ssh/config}: only
 * the configured key, the configured known_hosts file, strict or no host key checking, batch mode
 * and a connect timeout.
 */
final class FixedSshConfig implements SshConfigStore {
  private final HostConfig host;

  FixedSshConfig(Map<String, String> options) {
    Map<String, String> copy = Map.copyOf(options);
    this.host = new HostConfig() {
      @Override
      public String getValue(String key) {
        return lookupIgnoringCase(copy, key);
      }

      @Override
      public List<String> getValues(String key) {
        String value = getValue(key);
        return value == null ? List.of() : List.of(value);
      }

      @Override
      public Map<String, String> getOptions() {
        return copy;
      }

      @Override
      public Map<String, List<String>> getMultiValuedOptions() {
        return Map.of();
      }
    };
  }

  @Override
  public HostConfig lookup(String hostName, int port, String userName) {
    return host;
  }

  @Override
  public HostConfig lookupDefault(String hostName, int port, String userName) {
    return host;
  }

  private static String lookupIgnoringCase(Map<String, String> options, String key) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }
}
