package io.goproxymirror.mirror.auth;

import io.goproxymirror.gomod.PathPatterns;
import java.util.List;
import java.util.Objects;

/**
 * Who may read which modules: {@code auth.anonymous}, {@code auth.rules} (first match wins), and
 * the {@code private} and {@code noproxy} patterns, whose modules need an authenticated principal
 * (any group) unless a rule says more.
 *
 * @param anonymous what clients without credentials may read
 * @param rules the rules in order
 * @param privateModules the {@code private} patterns
 * @param noproxyModules the {@code noproxy} patterns
 */
public record AccessSettings(
    Anonymous anonymous, List<AccessRule> rules, PathPatterns privateModules, PathPatterns noproxyModules) {
  public AccessSettings {
    Objects.requireNonNull(anonymous, "anonymous");
    rules = List.copyOf(rules);
    Objects.requireNonNull(privateModules, "privateModules");
    Objects.requireNonNull(noproxyModules, "noproxyModules");
  }
}
