package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A small tmpfs mounted on a directory, so that a test can fill a real file system and free it
 * again. Mounting needs root ({@code mount -t tmpfs}); without root the test is skipped, unless
 * {@value RequiredTools#REQUIRE_ENV} is set (CI), in which case it fails. {@link #close} unmounts.
 */
public final class SmallDisk implements AutoCloseable {
  private final Path dir;

  private SmallDisk(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code mebibytes} MiB on {@code dir} (created if needed). */
  public static SmallDisk mount(Path dir, int mebibytes) {
    String user = System.getProperty("user.name", "");
    if (!"root".equals(user)) {
      String message = "mounting a tmpfs needs root (running as '" + user + "')";
      if (RequiredTools.toolsRequired()) {
        return Assertions.fail(message + " and " + RequiredTools.REQUIRE_ENV + " is set, so tests may not skip");
      }
      Assumptions.abort(message + "; skipping (set " + RequiredTools.REQUIRE_ENV + "=1 to make this a failure)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcessResult result = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m", "tmpfs",
        dir.toString()));
    if (result.exitCode() != 0) {
      return Assertions.fail("mount -t tmpfs failed\n" + result.describe());
    }
    return new SmallDisk(dir);
  }

  /** The mounted directory. */
  public Path dir() {
    return dir;
  }

  /** Bytes a non-root writer could still write. */
  public long free() {
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code file} until only {@code leave} bytes are free (or the file system is full when
   * {@code leave} is 0); returns the bytes written.
   */
  public long fill(Path file, long leave) {
    byte[] block = new byte[64 * 1024];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        long room = free() - leave;
        if (room <= 0) {
          break;
        }
        int n = (int) Math.min(block.length, room);
        try {
          out.write(block, 0, n);
          out.flush();
        } catch (IOException full) {
          break; // no space left: that is what was asked
        }
        written += n;
      }
    } catch (IOException e) {
      if (leave > 0) {
        throw new UncheckedIOException(e);
      }
    }
    return written;
  }

  @Override
  public void close() {
    ProcessResult result = run(List.of("umount", "-l", dir.toString()));
    if (result.exitCode() != 0) {
      throw new IllegalStateException("umount failed\n" + result.describe());
    }
  }

  private static ProcessResult run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new ProcessResult(command, -1, "", command.get(0) + " did not finish in 30s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new ProcessResult(command, process.exitValue(), "", output.trim());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
