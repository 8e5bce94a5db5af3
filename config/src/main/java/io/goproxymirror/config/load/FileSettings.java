package io.goproxymirror.config.load;

import io.goproxymirror.config.source.ListItem;
import io.goproxymirror.config.source.RawValue;
import java.util.List;
import java.util.Map;

/**
 * What the configuration file sets, as text.
 *
 * @param values the single-value keys it sets
 * @param lists the list keys it sets, each with its entries in order (possibly none)
 */
record FileSettings(Map<Key<?>, RawValue> values, Map<ListKey, List<ListItem>> lists) {

  FileSettings {
    values = Map.copyOf(values);
    lists = Map.copyOf(lists);
  }
}
