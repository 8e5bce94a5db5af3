package io.goproxymirror.config.git;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.value.ConfigException;
import java.util.List;

/**
 * Checks the prefixes of a list where the first matching entry wins: an entry whose prefix starts
 * with an earlier entry's prefix could never be used, so it is an error.
 */
final class PrefixOrder {

  private PrefixOrder() {}

  /**
   * @param items the list's entries, in order
   * @param prefixes their prefixes, in the same order
   * @param field the name of the prefix key, for messages ({@code from}, {@code prefix})
   * @throws ConfigException naming the later entry and the earlier one that hides it
   */
  static void check(List<ListItem> items, List<String> prefixes, String field) {
    for (int later = 1; later < prefixes.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        if (prefixes.get(later).startsWith(prefixes.get(earlier))) {
          throw new ConfigException(
              items.get(later).pathOf(field),
              "never used: "
                  + items.get(earlier).path()
                  + " (\""
                  + prefixes.get(earlier)
                  + "\") comes first and matches everything this entry matches;"
                  + " put the more specific entry first");
        }
      }
    }
  }
}
