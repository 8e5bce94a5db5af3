package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assertions;

/**
 * Runs the real {@code go} command in a hermetic environment rooted at a work directory: HOME,
 * GOPATH, GOCACHE, GOMODCACHE, TMPDIR and a private git config all live under it, nothing is
 * inherited from the caller's environment except PATH (and GOROOT if set). Immutable; the
 * {@code with...} methods return modified copies.
 *
 * <p>Defaults: GOPROXY=off, GOSUMDB=off, GOFLAGS="-mod=mod -modcacherw" (so the module cache can
 * be deleted by {@code @TempDir} cleanup), GO111MODULE=on, GOTOOLCHAIN=local,
 * GIT_TERMINAL_PROMPT=0, GIT_CONFIG_NOSYSTEM=1, GIT_CONFIG_GLOBAL=&lt;work&gt;/gitconfig (empty).
 * Every run has a timeout (default 120 s) and captures stdout and stderr.
 */
public final class GoCommand {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  private static final AtomicLong RUNS = new AtomicLong();

  private final Path go;
  private final Path workDir;
  private final Map<String, String> env;
  private final Duration timeout;

  private GoCommand(Path go, Path workDir, Map<String, String> env, Duration timeout) {
    this.go = go;
    this.workDir = workDir;
    this.env = env;
    this.timeout = timeout;
  }

  /** A hermetic go command whose state lives under {@code workDir} (created if missing). */
  public static GoCommand in(Path workDir) {
    Path go = RequiredTools.go();
    Path work = workDir.toAbsolutePath();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    if (System.getenv("GOROOT") != null) {
      env.put("GOROOT", System.getenv("GOROOT"));
    }
    env.put("HOME", dir(work.resolve("home")).toString());
    env.put("XDG_CONFIG_HOME", dir(work.resolve("home/.config")).toString());
    env.put("XDG_CACHE_HOME", dir(work.resolve("home/.cache")).toString());
    env.put("TMPDIR", dir(work.resolve("tmp")).toString());
    env.put("GOPATH", dir(work.resolve("gopath")).toString());
    env.put("GOCACHE", dir(work.resolve("gocache")).toString());
    env.put("GOMODCACHE", work.resolve("gomodcache").toString());
    env.put("GOPROXY", "off");
    env.put("GOSUMDB", "off");
    env.put("GOFLAGS", "-mod=mod -modcacherw");
    env.put("GO111MODULE", "on");
    env.put("GOTOOLCHAIN", "local");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    Path gitConfig = work.resolve("gitconfig");
    if (!Files.exists(gitConfig)) {
      write(gitConfig, "");
    }
    env.put("GIT_CONFIG_GLOBAL", gitConfig.toString());
    return new GoCommand(go, work, Map.copyOf(env), DEFAULT_TIMEOUT);
  }

  /** A copy with {@code name} set to {@code value}, or removed when {@code value} is null. */
  public GoCommand withEnv(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(env);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return new GoCommand(go, workDir, Map.copyOf(copy), timeout);
  }

  public GoCommand withGoproxy(String goproxy) {
    return withEnv("GOPROXY", goproxy);
  }

  public GoCommand withModCache(Path modCache) {
    return withEnv("GOMODCACHE", modCache.toAbsolutePath().toString());
  }

  public GoCommand withTimeout(Duration newTimeout) {
    return new GoCommand(go, workDir, env, newTimeout);
  }

  public Path workDir() {
    return workDir;
  }

  public Path modCache() {
    return Path.of(env.get("GOMODCACHE"));
  }

  public Path gitConfig() {
    return Path.of(env.get("GIT_CONFIG_GLOBAL"));
  }

  public Map<String, String> environment() {
    return env;
  }

  public ProcessResult run(Path cwd, String... args) {
    return run(cwd, List.of(args));
  }

  /** Runs {@code go args...} in {@code cwd}; fails the test on timeout, never on a non-zero exit. */
  public ProcessResult run(Path cwd, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(go.toString());
    command.addAll(args);
    long n = RUNS.incrementAndGet();
    Path logs = dir(workDir.resolve("runs"));
    Path out = logs.resolve(n + "-stdout.txt");
    Path err = logs.resolve(n + "-stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(cwd.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        ProcessResult partial = new ProcessResult(command, -1, read(out), read(err));
        return Assertions.fail("go command timed out after " + timeout + "\n" + partial.describe());
      }
      return new ProcessResult(command, process.exitValue(), read(out), read(err));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** {@code go mod download -json module@version} in {@code cwd}, parsed. */
  public DownloadResult modDownload(Path cwd, String module, String version) {
    return DownloadResult.parse(run(cwd, "mod", "download", "-json", module + "@" + version));
  }

  /** {@code go list -m -versions -json -e module} in {@code cwd}, parsed. */
  public ModuleVersions listVersions(Path cwd, String module) {
    return ModuleVersions.parse(module, run(cwd, "list", "-m", "-versions", "-json", "-e", module));
  }

  static Path dir(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
