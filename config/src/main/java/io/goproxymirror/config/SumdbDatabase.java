package io.goproxymirror.config;

/**
 * One checksum database the mirror proxies under {@code /sumdb/<name>/}.
 *
 * @param name the name the go command uses for it (the {@code GOSUMDB} name, such as {@code
 *     sum.golang.org}); it is the path element after {@code /sumdb/}
 * @param url where the database is reached: an http(s) URL without user information, query or
 *     fragment, and without a trailing {@code /}
 */
public record SumdbDatabase(String name, String url) {}
