/**
 * The index feed (index.golang.org or a mirror of it): the HTTP client and page parser, the
 * cursor kept across restarts, the tailer that polls and hands new entries on, and the matcher
 * that queues the entries the watch list wants.
 *
 * <p>Depends on {@code sync.port}, {@code sync.queue}, {@code sync.watch}, {@code config},
 * Vert.x, RxJava and Micrometer.
 */
package io.goproxymirror.sync.feed;
