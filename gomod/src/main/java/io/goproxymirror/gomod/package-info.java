/**
 * The Go module domain, as the go command and golang.org/x/mod define it: semantic versions
 * ({@code Semver}), module, import and file paths with their major suffixes and case escaping
 * ({@code ModulePath}, {@code CaseEscaping}, {@code NameLengths}), GOPRIVATE-style path globs
 * ({@code PathPatterns}), pseudo-versions and tag versions, the one go.mod lexer
 * ({@code GoModLexer}) and what is read with it ({@code GoModFile}, {@code GoModRequirements},
 * {@code Retractions}), and quoting strings the go command's way ({@code Quoted}).
 *
 * <p>Plain Java: depends on no other module of the project and on no library; the bottom of the
 * dependency order ({@code gomod} &larr; {@code config} &larr; {@code sync-worker} &larr;
 * {@code mirror}).
 */
package io.goproxymirror.gomod;
