package io.goproxymirror.mirror.fetch.git.transport;

import io.goproxymirror.mirror.errors.MirrorException;
import io.goproxymirror.mirror.errors.NotFoundException;
import io.goproxymirror.mirror.errors.UpstreamFailedException;
import io.goproxymirror.mirror.errors.UpstreamTimeoutException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Maps a failed Git transport operation to what the client sees: a repository that does not exist
 * or refuses our credentials is "not found" (404, so clients fall through, and nothing reveals
 * whether a private repository exists); a timeout is 504; any other network failure is 502. The
 * messages name the repository by its redacted URL only.
 */
final class GitErrors {
  /** JGit's and SSHD's wordings; status codes only as whole words (never inside a port number). */
  private static final Pattern AUTH = Pattern.compile(
      "not authorized|authentication|auth fail|\\b401\\b|\\b403\\b|forbidden|permission denied"
          + "|server key did not validate|unknown server key|host key");

  private GitErrors() {}

  static MirrorException classify(Throwable error, String redactedUrl, boolean timedOut) {
    if (error instanceof MirrorException mirror) {
      return mirror;
    }
    if (timedOut || hasCause(error, SocketTimeoutException.class) || hasCause(error, InterruptedIOException.class)) {
      return new UpstreamTimeoutException("git: " + redactedUrl + " did not answer in time");
    }
    if (hasCause(error, UnknownHostException.class)) {
      return new UpstreamFailedException("git: unknown host in " + redactedUrl);
    }
    if (hasCause(error, ConnectException.class)) {
      return new UpstreamFailedException("git: cannot connect to " + redactedUrl);
    }
    if (hasCause(error, NoRemoteRepositoryException.class) || isAuthFailure(error)) {
      return new NotFoundException("git: repository " + redactedUrl + " not found or access denied");
    }
    if (error instanceof TransportException || error instanceof org.eclipse.jgit.errors.TransportException) {
      return new UpstreamFailedException("git: transfer from " + redactedUrl + " failed");
    }
    return new UpstreamFailedException("git: reading " + redactedUrl + " failed");
  }

  /** Whether the chain of causes says credentials were missing or refused (or the host key was). */
  static boolean isAuthFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (AUTH.matcher(m).find()) {
        return true;
      }
    }
    return false;
  }

  static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
