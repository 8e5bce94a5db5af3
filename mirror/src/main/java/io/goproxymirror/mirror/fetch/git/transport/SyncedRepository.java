package io.goproxymirror.mirror.fetch.git.transport;

import java.util.concurrent.locks.Lock;
import org.eclipse.jgit.lib.Repository;

/**
 * A local bare repository brought up to date with its remote, open for reading. Holds the
 * repository's read lock (no fetch rewrites its refs meanwhile) until closed.
 */
public final class SyncedRepository implements AutoCloseable {
  private final Repository repository;
  private final Lock readLock;

  SyncedRepository(Repository repository, Lock readLock) {
    this.repository = repository;
    this.readLock = readLock;
  }

  public Repository repository() {
    return repository;
  }

  @Override
  public void close() {
    try {
      repository.close();
    } finally {
      readLock.unlock();
    }
  }
}
