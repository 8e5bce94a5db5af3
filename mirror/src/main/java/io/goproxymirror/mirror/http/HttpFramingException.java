package io.goproxymirror.mirror.http;

/**
 * A request whose framing or headers break RFC 9112 in a way that could make this server and
 * another one in the path disagree about where a message ends (request smuggling): answered 400
 * and the connection is closed. The message is one line for the client.
 */
final class HttpFramingException extends RuntimeException {
  HttpFramingException(String message) {
    super(message, null, false, false);
  }
}
