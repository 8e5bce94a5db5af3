/**
 * The HTTP front: the verticle and its strict HTTP/1.1 framing, one handler per GOPROXY endpoint
 * family, the failure handler that maps typed errors to one-line answers, the ops and admin
 * routes, and the senders that stream stored or downloading files.
 *
 * <p>Depends on {@code serve} for answers, on {@code fetch} for the zip download a streamed answer
 * tails, and on {@code errors}, {@code logs}, {@code metrics}, {@code protocol}, {@code rx},
 * {@code store}, {@code sync} and {@code tls} (the certificate pair an HTTPS server is given);
 * business rules live in {@code serve}, not here.
 */
package io.goproxymirror.mirror.http;
