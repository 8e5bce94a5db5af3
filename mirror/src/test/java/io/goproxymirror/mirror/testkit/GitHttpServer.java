package io.goproxymirror.mirror.testkit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Serves the bare repositories under a root directory over real Git smart HTTP (JGit's GitServlet
 * in Jetty) on a loopback port: {@code http://127.0.0.1:<port>/github.com/acme/x} reads
 * {@code <root>/github.com/acme/x}. Optionally requires HTTP Basic authentication. Records every
 * request ({@code METHOD path?query}) so tests can tell an ls-remote from a fetch.
 */
public final class GitHttpServer implements AutoCloseable {
  private final Server server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> credentialed = new CopyOnWriteArrayList<>();

  private GitHttpServer(Server server) {
    this.server = server;
  }

  /** An open server (no authentication). */
  public static GitHttpServer start(Path root) {
    return start(root, null, null);
  }

  /** A server that answers 401 unless the request carries Basic {@code username:password}. */
  public static GitHttpServer start(Path root, String username, String password) {
    Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    GitServlet git = new GitServlet();
    git.setRepositoryResolver((req, name) -> open(root, name));
    context.addServlet(new ServletHolder(git), "/*");
    GitHttpServer result = new GitHttpServer(server);
    context.addFilter(new FilterHolder(result.new Recorder(username, password)), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the Git HTTP server", e);
    }
    return result;
  }

  /** {@code http://127.0.0.1:<port>/}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/";
  }

  /**
   * Mirror YAML making {@code corp.example.com/*} private modules built from this server's
   * repositories under {@code corp/}, logging in as {@code mirror} with the token in the
   * environment variable {@code CORP_GIT_TOKEN}; ends with a newline, ready for more keys.
   */
  public String corpModulesYaml() {
    return """
        private: "corp.example.com/*"
        git:
          repositories:
            - prefix: "corp.example.com/"
              url: "%scorp/{path}"
          credentials:
            - prefix: "%s"
              username: mirror
              token-env: CORP_GIT_TOKEN
        """.formatted(baseUrl(), baseUrl());
  }

  /** Every request so far, as {@code METHOD /path?query}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The requests so far that carried an {@code Authorization} header, as {@link #requests()} lists them. */
  public List<String> credentialedRequests() {
    return List.copyOf(credentialed);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Repository open(Path root, String name) throws RepositoryNotFoundException {
    String clean = name.endsWith(".git") && !Files.isDirectory(root.resolve(name)) ? name.substring(0, name.length() - 4) : name;
    Path dir = root.resolve(clean).normalize();
    if (!dir.startsWith(root) || !Files.isDirectory(dir.resolve("objects"))) {
      throw new RepositoryNotFoundException(name);
    }
    try {
      return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().setMustExist(true).build();
    } catch (IOException e) {
      throw new RepositoryNotFoundException(name, e);
    }
  }

  /** Records requests and checks Basic authentication when configured. */
  private final class Recorder implements Filter {
    private final String expected;

    Recorder(String username, String password) {
      this.expected = username == null ? null
          : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest http = (HttpServletRequest) request;
      String query = http.getQueryString();
      String line = http.getMethod() + " " + http.getRequestURI() + (query == null ? "" : "?" + query);
      requests.add(line);
      if (http.getHeader("Authorization") != null) {
        credentialed.add(line);
      }
      if (expected != null && !expected.equals(http.getHeader("Authorization"))) {
        HttpServletResponse out = (HttpServletResponse) response;
        out.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        out.sendError(401);
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
