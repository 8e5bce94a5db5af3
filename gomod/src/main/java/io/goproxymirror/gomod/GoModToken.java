package io.goproxymirror.gomod;

/**
 * One token of a go.mod line.
 *
 * @param text the token as written (quoted strings keep their quotes)
 * @param kind what the token is
 */
record GoModToken(String text, Kind kind) {
  enum Kind {
    /** A bare word such as {@code module} or {@code example.com/m}. */
    WORD,
    /** A {@code "interpreted"} or {@code `raw`} string. */
    STRING,
    /** One of {@code ( ) [ ] { } ,}. */
    PUNCTUATION
  }

  boolean is(String punctuation) {
    return kind == Kind.PUNCTUATION && text.equals(punctuation);
  }
}
