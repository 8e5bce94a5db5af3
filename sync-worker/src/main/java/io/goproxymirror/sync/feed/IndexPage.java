package io.goproxymirror.sync.feed;

import java.util.List;

/**
 * One response of the index feed.
 *
 * @param entries the entries that parsed, in feed order
 * @param malformedLines lines that were not a valid entry (reported and skipped)
 */
public record IndexPage(List<IndexEntry> entries, int malformedLines) {
  public IndexPage {
    entries = List.copyOf(entries);
  }
}
