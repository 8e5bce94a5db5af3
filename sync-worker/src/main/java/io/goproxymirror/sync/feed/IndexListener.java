package io.goproxymirror.sync.feed;

import io.reactivex.rxjava3.core.Completable;
import java.util.List;

/**
 * Takes the new entries of one index page, in feed order (for example, matches them against the
 * watch list and enqueues prefetches). The tailer persists its cursor only after the returned
 * chain completes; when it fails, the same entries are offered again after a backoff.
 */
@FunctionalInterface
public interface IndexListener {
  Completable accept(List<IndexEntry> entries);
}
