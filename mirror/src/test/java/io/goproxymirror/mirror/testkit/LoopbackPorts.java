package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports of 127.0.0.1 that were free a moment ago, for child processes that must be told their
 * port (another process may take it in between, so callers retry on a failed start).
 */
public final class LoopbackPorts {

  private LoopbackPorts() {}

  /** A free port. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free port whose Redis Cluster bus port (port + 10000) is free too. */
  public static int freeWithClusterBus() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = free();
      if (port + 10000 <= 65535) {
        try (ServerSocket bus = new ServerSocket(port + 10000, 1, InetAddress.getLoopbackAddress())) {
          return port;
        } catch (IOException busTaken) {
          // try another
        }
      }
    }
    throw new IllegalStateException("no free port pair for a Redis Cluster node");
  }
}
