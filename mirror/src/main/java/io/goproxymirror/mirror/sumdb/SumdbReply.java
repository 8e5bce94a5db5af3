package io.goproxymirror.mirror.sumdb;

import io.goproxymirror.mirror.serve.CacheStatus;

/**
 * A 200 answer for one sumdb request: the bytes exactly as the database sent them.
 *
 * @param body the body
 * @param cache how it was served (the {@code X-Cache} header)
 */
public record SumdbReply(byte[] body, CacheStatus cache) {}
