/**
 * The launcher and the wiring: {@code Main} loads and validates the configuration, {@code
 * MirrorApp} builds Vert.x ({@code VertxWiring}), the {@code Stores} of the configured backends
 * ({@code StoreWiring}), the miss {@code Pipeline} and the routes of the role ({@code RouteWiring}),
 * and deploys the HTTP verticles and the sync worker ({@code SyncWiring}) for the selected role.
 *
 * <p>May depend on every package of the mirror, on {@code config} and on {@code sync}; nothing
 * depends on it.
 */
package io.goproxymirror.mirror;
