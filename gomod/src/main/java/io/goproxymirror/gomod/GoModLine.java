package io.goproxymirror.gomod;

import java.util.List;

/**
 * One non-blank line of a go.mod as {@link GoModLexer} splits it.
 *
 * @param number the line number, counted from 1
 * @param tokens its tokens, never empty
 */
record GoModLine(int number, List<GoModToken> tokens) {}
