package io.goproxymirror.mirror.sumdb;

import java.util.Locale;

/** The endpoints under {@code /sumdb/<name>/} (PROTOCOL §5.2) and how each is cached. */
public enum SumdbKind {
  /** {@code supported}: answered by the mirror itself. */
  SUPPORTED,
  /** {@code latest}: never cached; the last good one is served while the database fails. */
  LATEST,
  /** {@code lookup/M@V}: cached for {@code sumdb.lookup-ttl}. */
  LOOKUP,
  /** {@code tile/H/L/N} and {@code tile/H/data/N}: immutable, cached forever. */
  FULL_TILE,
  /** {@code tile/H/L/N.p/W}: cached for {@code sumdb.tile-ttl}. */
  PARTIAL_TILE;

  /** Low-cardinality metric tag. */
  String tag() {
    return "sumdb_" + name().toLowerCase(Locale.ROOT);
  }
}
