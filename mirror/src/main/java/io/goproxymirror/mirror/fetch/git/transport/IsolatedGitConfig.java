package io.goproxymirror.mirror.fetch.git.transport;

import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Keeps JGit from reading the host's system and user Git configuration ({@code /etc/gitconfig},
 * {@code ~/.gitconfig}, {@code ~/.config/jgit}): an operator's {@code url.insteadOf}, attribute
 * files or HTTP settings must not change which repository the mirror reads or the bytes of a module
 * zip. Repository URLs are rewritten only by the mirror's own {@code git.rewrites}.
 */
public final class IsolatedGitConfig extends SystemReader.Delegate {

  private IsolatedGitConfig(SystemReader delegate) {
    super(delegate);
  }

  /** Installs the isolation for this process (idempotent). */
  public static synchronized void install() {
    SystemReader current = SystemReader.getInstance();
    if (!(current instanceof IsolatedGitConfig)) {
      SystemReader.setInstance(new IsolatedGitConfig(current));
    }
  }

  @Override
  public FileBasedConfig openUserConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openSystemConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  @Override
  public FileBasedConfig openJGitConfig(Config parent, FS fs) {
    return new EmptyConfig(parent, fs);
  }

  /** A configuration level with no file and no entries. */
  private static final class EmptyConfig extends FileBasedConfig {
    EmptyConfig(Config parent, FS fs) {
      super(parent, null, fs);
    }

    @Override
    public void load() {
      // nothing to read
    }

    @Override
    public boolean isOutdated() {
      return false;
    }

    @Override
    public void save() {
      // nothing to write
    }

    @Override
    public String toString() {
      return "EmptyConfig";
    }
  }
}
