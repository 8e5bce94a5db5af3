package io.goproxymirror.mirror.fetch.git.transport;

import io.goproxymirror.mirror.fetch.WebOrigin;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.util.Optional;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections for one repository URL, which never carry an {@code Authorization}
 * header to another origin. JGit follows a repository's redirects itself and keeps the
 * authentication it settled on with the first server (and asks the credentials provider again when
 * the new server answers 401), so without this a repository could hand the mirror's token to any
 * host it redirects to.
 */
final class OriginBoundConnections extends JDKHttpConnectionFactory {
  private final Optional<WebOrigin> origin;

  /** Connections that may authenticate to the origin of {@code repositoryUrl} only. */
  OriginBoundConnections(String repositoryUrl) {
    this.origin = WebOrigin.of(repositoryUrl);
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return new Connection(url, mayAuthenticate(url));
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return new Connection(url, proxy, mayAuthenticate(url));
  }

  private boolean mayAuthenticate(URL url) {
    return origin.isPresent() && origin.equals(WebOrigin.of(url.toString()));
  }

  /** A JDK connection that drops the {@code Authorization} header unless it goes to the origin. */
  private static final class Connection extends JDKHttpConnection {
    private final boolean mayAuthenticate;

    Connection(URL url, boolean mayAuthenticate) throws IOException {
      super(url);
      this.mayAuthenticate = mayAuthenticate;
    }

    Connection(URL url, Proxy proxy, boolean mayAuthenticate) throws IOException {
      super(url, proxy);
      this.mayAuthenticate = mayAuthenticate;
    }

    @Override
    public void setRequestProperty(String key, String value) {
      if (!mayAuthenticate && "Authorization".equalsIgnoreCase(key)) {
        return;
      }
      super.setRequestProperty(key, value);
    }
  }
}
