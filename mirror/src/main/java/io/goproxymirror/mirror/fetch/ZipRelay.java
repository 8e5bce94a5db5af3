package io.goproxymirror.mirror.fetch;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rest of a zip download whose staging file could not be written (the disk is full): the
 * upstream's bytes from offset {@link #start()} on are handed in memory to the readers that were
 * already streaming it, and never stored. Bytes are dropped once every reader has sent them;
 * {@link #offer} tells the writer to pause the upstream while more than the high-water mark waits,
 * so memory stays bounded by the slowest reader. Thread-safe: the writer and each reader run on
 * their own event loops; callbacks run on the caller's thread and must hop to their own context.
 */
public final class ZipRelay {
  private final long start;
  private final long highWater;
  private final Deque<Buffer> chunks = new ArrayDeque<>();
  private final Map<Object, Long> readers = new IdentityHashMap<>();
  private final List<Runnable> waiting = new ArrayList<>();
  private long base;
  private long end;
  private boolean ended;
  private Throwable failure;
  private Runnable onRoom = () -> { };
  private Runnable onAbandoned = () -> { };

  /** Relays bytes from {@code start} on to {@code readers} (their positions are at most {@code start}). */
  ZipRelay(long start, long highWater, Iterable<Object> readers) {
    this.start = start;
    this.highWater = highWater;
    this.base = start;
    this.end = start;
    for (Object reader : readers) {
      this.readers.put(reader, start);
    }
  }

  /** Offset of the first byte held here; the bytes before it are in the staging file. */
  public long start() {
    return start;
  }

  /** Called (on any thread) when buffered bytes fell back under the high-water mark. */
  synchronized void onRoom(Runnable action) {
    this.onRoom = action;
  }

  /** Called (on any thread) when the last reader left before the end. */
  synchronized void onAbandoned(Runnable action) {
    this.onAbandoned = action;
  }

  /** Whether any reader is still streaming. */
  synchronized boolean hasReaders() {
    return !readers.isEmpty();
  }

  /** Appends upstream bytes; returns true when the writer should pause the upstream. */
  boolean offer(Buffer chunk) {
    List<Runnable> wake;
    boolean full;
    synchronized (this) {
      if (ended || chunk.length() == 0) {
        return false;
      }
      chunks.addLast(chunk);
      end += chunk.length();
      full = end - base > highWater;
      wake = takeWaiting();
    }
    wake.forEach(Runnable::run);
    return full;
  }

  /** The upstream body ended: {@code error} null for a complete body. */
  void finish(Throwable error) {
    List<Runnable> wake;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      failure = error;
      if (error != null) {
        chunks.clear();
        base = end;
      }
      wake = takeWaiting();
    }
    wake.forEach(Runnable::run);
  }

  /** Offset just past the last byte received. */
  public synchronized long end() {
    return end;
  }

  /** Whether the upstream body ended complete: every byte up to {@link #end()} is the whole zip. */
  public synchronized boolean complete() {
    return ended && failure == null;
  }

  /** The failure that ended the relay, or null. */
  public synchronized Throwable failure() {
    return failure;
  }

  /**
   * Up to {@code max} bytes from {@code position} (at least {@link #start()}), without removing
   * them; empty when none are held there yet.
   */
  public synchronized Buffer read(long position, int max) {
    long offset = base;
    for (Buffer chunk : chunks) {
      long chunkEnd = offset + chunk.length();
      if (position < chunkEnd) {
        int from = (int) (position - offset);
        int to = (int) Math.min(chunk.length(), from + (long) max);
        return chunk.getBuffer(from, to);
      }
      offset = chunkEnd;
    }
    return Buffer.buffer();
  }

  /** {@code reader} has sent everything before {@code position}: bytes no reader needs are dropped. */
  public void sent(Object reader, long position) {
    Runnable room = null;
    synchronized (this) {
      if (!readers.containsKey(reader)) {
        return;
      }
      readers.put(reader, Math.max(position, start));
      room = trim();
    }
    if (room != null) {
      room.run();
    }
  }

  /** {@code reader} stopped (done, or its client went away). */
  public void leave(Object reader) {
    Runnable after;
    synchronized (this) {
      if (readers.remove(reader) == null) {
        return;
      }
      after = readers.isEmpty() && !ended ? onAbandoned : trim();
    }
    if (after != null) {
      after.run();
    }
  }

  /** Runs {@code listener} once, when bytes past {@code position} arrive or the relay ends. */
  public void whenAvailable(long position, Runnable listener) {
    boolean now;
    synchronized (this) {
      now = end > position || ended;
      if (!now) {
        waiting.add(listener);
      }
    }
    if (now) {
      listener.run();
    }
  }

  /** Drops chunks every reader has passed; returns the room callback when the writer may resume. */
  private Runnable trim() {
    long slowest = Long.MAX_VALUE;
    for (long position : readers.values()) {
      slowest = Math.min(slowest, position);
    }
    if (readers.isEmpty()) {
      slowest = end;
    }
    boolean wasFull = end - base > highWater;
    while (!chunks.isEmpty() && base + chunks.peekFirst().length() <= slowest) {
      base += chunks.pollFirst().length();
    }
    return wasFull && end - base <= highWater ? onRoom : null;
  }

  private List<Runnable> takeWaiting() {
    List<Runnable> wake = new ArrayList<>(waiting);
    waiting.clear();
    return wake;
  }
}
