package io.goproxymirror.k8s;

import io.goproxymirror.mirror.testkit.HttpProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays a ClusterIP Service in front of mirror processes on 127.0.0.1: a TCP proxy on a free port
 * that hands each new connection to the next ready endpoint, round-robin, and keeps it there for the
 * connection's life (kube-proxy balances connections, not requests). It never retries: a
 * connection it cannot place, or whose endpoint refuses it, is closed, as a Service would reset it,
 * and is recorded in {@link #failures()}.
 *
 * <p>An endpoint is in the Service while its readiness probe answers 200: {@code GET /readyz} on a
 * new connection, every {@code period}; the first other answer (or a refused connection) takes it
 * out, the next 200 puts it back. In a cluster, deleting a pod takes it out of the endpoints without
 * waiting for its probe; the probe period here stands in for that propagation, and must stay well
 * below the mirrors' {@code server.shutdown-delay}.
 */
final class ServiceProxy implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

  /** One endpoint: a process's port, whether it is in the Service, the connections it got. */
  static final class Endpoint {
    final String name;
    final int port;
    final AtomicInteger connections = new AtomicInteger();
    /** Connections open now. */
    final AtomicInteger active = new AtomicInteger();
    private volatile boolean ready;

    private Endpoint(String name, int port) {
      this.name = name;
      this.port = port;
    }

    boolean ready() {
      return ready;
    }
  }

  private final ServerSocket listener;
  private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final List<String> changes = new CopyOnWriteArrayList<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger next = new AtomicInteger();
  private final ExecutorService connections = Executors.newCachedThreadPool(r -> daemon(r, "service-proxy"));
  private final ScheduledExecutorService prober =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "service-probe"));

  private ServiceProxy(ServerSocket listener) {
    this.listener = listener;
  }

  /** Starts the proxy for {@code endpoints} (name to port), probing every {@code period}. */
  static ServiceProxy start(Map<String, Integer> endpoints, Duration period) {
    try {
      ServerSocket listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      ServiceProxy proxy = new ServiceProxy(listener);
      endpoints.forEach((name, port) -> proxy.endpoints.add(new Endpoint(name, port)));
      proxy.prober.scheduleWithFixedDelay(proxy::probeAll, 0, period.toMillis(), TimeUnit.MILLISECONDS);
      proxy.connections.execute(proxy::acceptLoop);
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}: the Service's address for clients. */
  String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  Endpoint endpoint(String name) {
    return endpoints.stream().filter(e -> e.name.equals(name)).findFirst().orElseThrow();
  }

  List<Endpoint> endpoints() {
    return List.copyOf(endpoints);
  }

  /** Connections that could not be placed on a ready endpoint or were refused by it. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Endpoints taken out and put back, in order ({@code -name}, {@code +name}). */
  List<String> changes() {
    return List.copyOf(changes);
  }

  private void probeAll() {
    for (Endpoint e : endpoints) {
      boolean ready;
      try {
        Optional<HttpProbe.Answer> answer = HttpProbe.get(e.port, "/readyz");
        ready = answer.isPresent() && answer.get().status() == 200;
      } catch (RuntimeException notAnswered) {
        ready = false;
      }
      if (ready != e.ready) {
        changes.add((ready ? "+" : "-") + e.name);
      }
      e.ready = ready;
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      connections.execute(() -> place(client));
    }
  }

  private void place(Socket client) {
    List<Endpoint> ready = endpoints.stream().filter(Endpoint::ready).toList();
    if (ready.isEmpty()) {
      failures.add("no ready endpoint for a connection");
      close(client);
      return;
    }
    Endpoint target = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
    Socket backend = new Socket();
    try {
      backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target.port), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      failures.add("endpoint " + target.name + " refused a connection: " + e.getMessage());
      close(backend);
      close(client);
      return;
    }
    target.connections.incrementAndGet();
    target.active.incrementAndGet();
    open.add(client);
    open.add(backend);
    AtomicInteger directions = new AtomicInteger(2);
    connections.execute(() -> pump(backend, client, directions, target));
    pump(client, backend, directions, target);
  }

  /** Copies {@code from} to {@code to} until end of stream, then half-closes {@code to}. */
  private void pump(Socket from, Socket to, AtomicInteger directions, Endpoint target) {
    byte[] buffer = new byte[64 * 1024];
    try {
      from.setTcpNoDelay(true);
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
      to.shutdownOutput();
    } catch (IOException broken) {
      close(from);
      close(to);
    } finally {
      if (directions.decrementAndGet() == 0) {
        close(from);
        close(to);
        target.active.decrementAndGet();
      }
    }
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    prober.shutdownNow();
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(this::close);
    connections.shutdownNow();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
