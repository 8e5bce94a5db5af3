package io.goproxymirror.config;

/**
 * {@code server.*}.
 *
 * @param host {@code server.host}, listen address, default {@code 0.0.0.0}
 * @param port {@code server.port} (env {@code MIRROR_PORT}), default 3000; 0 picks a free port
 * @param instances {@code server.instances}, HTTP verticle instances (event loops), default 0 =
 *     one per CPU core
 */
public record ServerConfig(String host, int port, int instances) {}
