package io.goproxymirror.config.source;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key an unknown one was probably meant to be. */
public final class KeySuggestions {

  private KeySuggestions() {}

  /**
   * @return the candidate that differs only in case, dashes or underscores ({@code listTtl}); else
   *     the one with the same last segment if unique ({@code port} for {@code server.port}); else
   *     the closest within a small edit distance
   */
  public static Optional<String> closest(String unknown, List<String> candidates) {
    String normalized = normalize(unknown);
    for (String c : candidates) {
      if (normalize(c).equals(normalized)) {
        return Optional.of(c);
      }
    }
    String leaf = lastSegment(normalized);
    List<String> sameLeaf =
        candidates.stream().filter(c -> c.contains(".") && lastSegment(normalize(c)).equals(leaf)).toList();
    if (sameLeaf.size() == 1) {
      return Optional.of(sameLeaf.get(0));
    }
    int limit = Math.max(2, unknown.length() / 4);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(normalized, normalize(c));
      if (d <= limit && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String normalize(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** Optimal string alignment distance: edits, with a swap of neighbours counted as one. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
