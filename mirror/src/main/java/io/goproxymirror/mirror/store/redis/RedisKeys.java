package io.goproxymirror.mirror.store.redis;

import io.goproxymirror.mirror.store.ArtifactKind;
import java.util.Objects;

/**
 * Names every Redis key of the mirror. With {@code P} the key prefix ({@code
 * metadata.redis.key-prefix}, default {@code goproxy:}) and {@code M} the module path with {@code
 * %}, <code>{</code> and <code>}</code> percent-encoded (module paths never hold them, so {@code M}
 * is the path as written):
 *
 * <table>
 *   <caption>Key layout</caption>
 *   <tr><th>key</th><th>type</th><th>content</th></tr>
 *   <tr><td><code>P{M}:versions</code></td><td>sorted set</td>
 *       <td>every version of the module with at least one stored artifact, all with score 0 (so
 *       {@code ZRANGE} gives byte order)</td></tr>
 *   <tr><td><code>P{M}:artifacts</code></td><td>hash</td>
 *       <td>field {@code <version>.<ext>} ({@code v1.2.3.zip}; ext is info, mod or zip): the
 *       artifact record in {@code MetadataCodec} bytes, written once ({@code HSETNX})</td></tr>
 *   <tr><td><code>P{M}:answer:&lt;key&gt;</code></td><td>string</td>
 *       <td>a cached answer ({@code list}, {@code latest}, a query, a negative answer) in {@code
 *       MetadataCodec} bytes, replaced on every write</td></tr>
 *   <tr><td><code>P{M}:lock:&lt;version&gt;.&lt;ext&gt;</code></td><td>string with a TTL</td>
 *       <td>the cross-replica fetch lock of one artifact ({@code RedisArtifactLocks}): a random
 *       token of its holder, removed on release or when the TTL runs out</td></tr>
 *   <tr><td><code>P{:sync}:leader</code></td><td>string with a TTL</td>
 *       <td>the sync worker's leader lock ({@code RedisLeaderLock}): a random token of the leading
 *       worker</td></tr>
 *   <tr><td><code>P{:sync}:state:&lt;name&gt;</code></td><td>string</td>
 *       <td>a value the sync worker keeps across restarts ({@code RedisSyncStateStore}), for example
 *       the index feed cursor</td></tr>
 *   <tr><td><code>P{:sync}:queue</code></td><td>hash</td>
 *       <td>the sync worker's unfinished prefetches ({@code RedisPrefetchQueueStore}): field {@code
 *       path@version}, value the pending entry as JSON</td></tr>
 *   <tr><td><code>P{:sync}:inbox</code></td><td>list</td>
 *       <td>versions stored by client misses on replicas without the leading worker
 *       ({@code RedisSyncInbox}), newest first, trimmed to a bound</td></tr>
 * </table>
 *
 * <p>The sync worker's keys share the hash tag <code>{:sync}</code>; no module path contains
 * {@code :}, so it is never a module's tag.
 *
 * <p>Why it is safe: <code>{M}</code> is the Redis Cluster hash tag, so all keys of one module are
 * in one slot (a script may touch several of them) while modules spread over the cluster. After
 * encoding {@code M} holds no <code>}</code>, so the first <code>}</code> ends it: {@code a/b},
 * {@code a/b-c}, {@code a/b/v2} and {@code a/b/} have four different tags, and no key of one module
 * equals a key of another. The prefix holds no brace, so the first <code>{</code> starts the tag,
 * and two different prefixes never produce the same key. A field's extension decides its kind,
 * since no extension ends another. Names are checked as the embedded store checks them: empty
 * names and names containing NUL are refused with {@link IllegalArgumentException}.
 */
public final class RedisKeys {
  private static final String SYNC_TAG = "{:sync}";

  private final String prefix;

  /**
   * @param prefix put before every key; may be empty; must not contain a brace
   * @throws IllegalArgumentException when it contains a brace
   */
  public RedisKeys(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a Redis key prefix must not contain { or }");
    }
  }

  /** The prefix put before every key. */
  public String prefix() {
    return prefix;
  }

  /** {@code P{M}:versions}, the sorted set of the module's versions. */
  public String versions(String module) {
    return moduleKey(module) + ":versions";
  }

  /** {@code P{M}:artifacts}, the hash of the module's artifact records. */
  public String artifacts(String module) {
    return moduleKey(module) + ":artifacts";
  }

  /** The field of one artifact in {@link #artifacts}: {@code <version>.<ext>}. */
  public String artifactField(String version, ArtifactKind kind) {
    return checked("version", version) + "." + Objects.requireNonNull(kind, "kind").extension();
  }

  /** {@code P{M}:answer:<key>}, one cached answer. */
  public String answer(String module, String key) {
    return moduleKey(module) + ":answer:" + checked("answer key", key);
  }

  /** {@code P{M}:lock:<version>.<ext>}, the fetch lock of one artifact. */
  public String lock(String module, String version, ArtifactKind kind) {
    return moduleKey(module) + ":lock:" + artifactField(version, kind);
  }

  /** {@code P{:sync}:leader}, the sync worker's leader lock. */
  public String syncLeader() {
    return prefix + SYNC_TAG + ":leader";
  }

  /** {@code P{:sync}:state:<name>}, one value the sync worker keeps. */
  public String syncState(String name) {
    return prefix + SYNC_TAG + ":state:" + checked("state name", name);
  }

  /** {@code P{:sync}:queue}, the sync worker's unfinished prefetches. */
  public String syncQueue() {
    return prefix + SYNC_TAG + ":queue";
  }

  /** {@code P{:sync}:inbox}, client misses handed to the leading worker. */
  public String syncInbox() {
    return prefix + SYNC_TAG + ":inbox";
  }

  /** <code>P{M}</code>: the prefix and the module's hash tag. */
  private String moduleKey(String module) {
    String path = checked("module", module);
    StringBuilder key = new StringBuilder(prefix.length() + path.length() + 8).append(prefix).append('{');
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      switch (c) {
        case '%' -> key.append("%25");
        case '{' -> key.append("%7B");
        case '}' -> key.append("%7D");
        default -> key.append(c);
      }
    }
    return key.append('}').toString();
  }

  private static String checked(String what, String part) {
    if (part == null || part.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (part.indexOf('\u0000') >= 0) {
      throw new IllegalArgumentException(what + " contains NUL");
    }
    return part;
  }
}
