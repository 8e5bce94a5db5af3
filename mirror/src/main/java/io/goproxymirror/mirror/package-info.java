/**
 * The launcher and the wiring: {@code Main} loads and validates the configuration, {@code
 * MirrorApp} builds Vert.x, the stores and the miss {@code Pipeline} and deploys the HTTP
 * verticles and the sync worker for the selected role.
 *
 * <p>May depend on every package of the mirror, on {@code config} and on {@code sync}; nothing
 * depends on it.
 */
package io.goproxymirror.mirror;
