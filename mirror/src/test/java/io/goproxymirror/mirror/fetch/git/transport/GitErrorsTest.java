package io.goproxymirror.mirror.fetch.git.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("what a failed Git operation tells the client")
class GitErrorsTest {
  private static final String URL = "http://127.0.0.1:40113/x/y";

  @Test
  @DisplayName("a refused connection is 502 even when the port number contains 401 or 403")
  void refusedIsUpstreamFailure() {
    Exception e = new TransportException(URL + ": cannot open git-upload-pack",
        new ConnectException("Connection refused to 127.0.0.1:40113"));
    assertThat(GitErrors.classify(e, URL, false)).isInstanceOf(UpstreamFailedException.class);
    Exception other = new TransportException("http://127.0.0.1:54031/x: cannot open git-upload-pack",
        new ConnectException("Connection refused"));
    assertThat(GitErrors.classify(other, URL, false)).isInstanceOf(UpstreamFailedException.class);
  }

  @Test
  @DisplayName("a missing repository, refused credentials and a rejected host key are 404")
  void notFoundAndAuth() throws Exception {
    assertThat(GitErrors.classify(new TransportException("x",
        new NoRemoteRepositoryException(new URIish(URL), "not found")), URL, false))
        .isInstanceOf(NotFoundException.class);
    assertThat(GitErrors.classify(new TransportException(URL + ": not authorized"), URL, false))
        .isInstanceOf(NotFoundException.class);
    assertThat(GitErrors.classify(new TransportException(URL + ": 403 Forbidden"), URL, false))
        .isInstanceOf(NotFoundException.class);
    assertThat(GitErrors.classify(new TransportException("ssh://h/x: Server key did not validate"), URL, false))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  @DisplayName("a read timeout or a passed deadline is 504; any other transfer failure 502")
  void timeoutsAndOthers() {
    assertThat(GitErrors.classify(new TransportException("x", new SocketTimeoutException("Read timed out")), URL,
        false)).isInstanceOf(UpstreamTimeoutException.class);
    assertThat(GitErrors.classify(new TransportException("cancelled"), URL, true))
        .isInstanceOf(UpstreamTimeoutException.class);
    assertThat(GitErrors.classify(new TransportException("premature end of pack"), URL, false))
        .isInstanceOf(UpstreamFailedException.class);
  }
}
