package io.goproxymirror.config;

import io.goproxymirror.gomod.PathPatterns;
import java.time.Duration;
import java.util.List;

/**
 * {@code sumdb.*} and {@code nosumdb}: the checksum databases the mirror proxies.
 *
 * @param databases {@code sumdb.databases} (env {@code MIRROR_SUMDB_DATABASES}): comma-separated
 *     {@code name=url}, see {@link SumdbDatabases}; default {@code
 *     sum.golang.org=https://sum.golang.org}
 * @param noSumdb {@code nosumdb} (env {@code MIRROR_NOSUMDB}): module path globs in GOPRIVATE
 *     syntax whose lookups are refused (403) and never forwarded, like those matching {@code
 *     private}; default empty
 * @param lookupTtl {@code sumdb.lookup-ttl}: how long a lookup answer is served without asking the
 *     database again, default 1h
 * @param tileTtl {@code sumdb.tile-ttl}: the same for partial tiles ({@code .p/W}), default 1h
 */
public record SumdbConfig(
    List<SumdbDatabase> databases, PathPatterns noSumdb, Duration lookupTtl, Duration tileTtl) {

  public SumdbConfig {
    databases = List.copyOf(databases);
  }
}
