package io.goproxymirror.mirror.auth.users;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The known key an unknown one was probably meant to be: same up to case and dashes, or a typo away. */
final class KeyHint {
  private KeyHint() {}

  static Optional<String> closest(String unknown, List<String> known) {
    String u = normalize(unknown);
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = u.equals(normalize(k)) ? 0 : distance(u, normalize(k));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code ; did you mean "x"?} or {@code ; known keys: a, b}. */
  static String suffix(String unknown, List<String> known) {
    return closest(unknown, known).map(k -> "; did you mean \"" + k + "\"?")
        .orElse("; known keys: " + String.join(", ", known));
  }

  private static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        row[j] = Math.min(Math.min(row[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = row;
      row = swap;
    }
    return previous[b.length()];
  }
}
