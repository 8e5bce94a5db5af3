package io.goproxymirror.config.source;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a YAML value with environment
 * variables. As in the shell, the default is used when the variable is unset or empty. {@code $${}
 * writes a literal {@code ${}. Defaults are not substituted again.
 */
public final class EnvSubstitution {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String SYNTAX = "(write ${NAME} or ${NAME:-default})";

  private EnvSubstitution() {}

  /**
   * @throws IllegalArgumentException naming the variable when it is unset and has no default, or
   *     when a reference is malformed
   */
  public static String substitute(String text, Map<String, String> env) {
    if (!text.contains("${")) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated \"${\" " + SYNTAX);
        }
        out.append(resolve(text.substring(i + 2, end), env));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private static String resolve(String reference, Map<String, String> env) {
    int sep = reference.indexOf(":-");
    String name = sep < 0 ? reference : reference.substring(0, sep);
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid variable reference \"${" + reference + "}\" " + SYNTAX);
    }
    String value = env.get(name);
    if (sep >= 0 && (value == null || value.isEmpty())) {
      return reference.substring(sep + 2);
    }
    if (value == null) {
      throw new IllegalArgumentException(
          "environment variable "
              + name
              + " is not set (write ${"
              + name
              + ":-default} to give a fallback)");
    }
    return value;
  }
}
