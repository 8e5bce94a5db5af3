package io.goproxymirror.sync.feed;

import io.goproxymirror.sync.port.SyncStateStore;
import java.util.Objects;

/**
 * What an {@link IndexTailer} works with: the feed it reads, the store that keeps its cursor, and
 * the listener it hands new entries to.
 *
 * @param feed the index feed client
 * @param cursorStore where the cursor is kept, under {@link IndexTailer#CURSOR_KEY}
 * @param listener takes the new entries of each page
 */
public record TailerPorts(IndexFeedClient feed, SyncStateStore cursorStore, IndexListener listener) {
  public TailerPorts {
    Objects.requireNonNull(feed, "feed");
    Objects.requireNonNull(cursorStore, "cursorStore");
    Objects.requireNonNull(listener, "listener");
  }
}
