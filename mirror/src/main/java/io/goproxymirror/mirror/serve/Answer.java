package io.goproxymirror.mirror.serve;

import io.goproxymirror.mirror.store.CachedAnswer;

/** A mutable answer (list, @latest, query .info, or a negative answer) and how it was served. */
public record Answer(CachedAnswer answer, CacheStatus cache) {}
