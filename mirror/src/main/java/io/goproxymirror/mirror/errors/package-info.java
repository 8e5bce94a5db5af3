/**
 * The typed failures of a request (bad request, not found, gone, unauthorized, forbidden,
 * upstream failed or timed out, overloaded, too many requests, storage full, metadata
 * unavailable), each with its HTTP status.
 *
 * <p>Depends on nothing; every other package may use it.
 */
package io.goproxymirror.mirror.errors;
