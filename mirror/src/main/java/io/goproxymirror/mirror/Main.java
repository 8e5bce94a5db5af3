package io.goproxymirror.mirror;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.goproxymirror.config.MirrorConfig;
import io.goproxymirror.config.load.ConfigLoader;
import io.goproxymirror.config.value.ConfigException;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The launcher: {@code java -jar mirror.jar [--config FILE] [--role all|mirror|worker]}, and {@code
 * java -jar mirror.jar warm FILE --mirror URL} ({@link WarmCommand}) and {@code java -jar mirror.jar
 * token NAME --groups a,b} ({@link TokenCommand}). Loads and
 * validates the configuration first (a bad key stops the process with a message naming it, exit
 * code 2), then configures logging and starts {@link MirrorApp}.
 */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    version = "goproxy-mirror 0.1.0",
    description = "Go module proxy (GOPROXY server) with pull-through caching and prefetching.")
public final class Main implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file (default: $MIRROR_CONFIG, else built-in defaults)")
  private Path config;

  @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all",
      description = "all (front and worker), mirror (front only) or worker; default ${DEFAULT-VALUE}")
  private String role;

  public static void main(String[] args) {
    int code = commandLine(System.getenv()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The command line with its {@code warm} subcommand, which reads {@code env}, and {@code token}. */
  static CommandLine commandLine(Map<String, String> env) {
    return new CommandLine(new Main())
        .addSubcommand("warm", new WarmCommand(env, System.out, System.err))
        .addSubcommand("token", new TokenCommand(System.out, System.err, new SecureRandom()));
  }

  @Override
  public Integer call() {
    Role selected;
    try {
      selected = Role.valueOf(role.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("error: --role must be all, mirror or worker");
      return 2;
    }
    MirrorConfig loaded;
    try {
      loaded = ConfigLoader.load(Optional.ofNullable(config));
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    configureLogging(loaded);
    org.slf4j.Logger log = LoggerFactory.getLogger(Main.class);
    RxJavaPlugins.setErrorHandler(err -> log.warn("event=undeliverable_error reason=\"{}\"", err.toString()));
    // SIGTERM: the orderly shutdown (MirrorApp.shutdown: readiness off, serve on for the delay,
    // close the servers, let requests in flight finish, then release leases and close the
    // stores), then exit 0 (1 if it timed out). Bounded by more than delay + timeout, so that a
    // stuck step cannot keep the process alive. Registered before the start, which a signal may
    // interrupt (then nothing is serving yet and the process just exits). Other ways out (SIGINT,
    // System.exit) run the same shutdown from the hook; after SIGTERM's it has ended, and is not
    // run again.
    AtomicReference<MirrorApp> running = new AtomicReference<>();
    long bound = loaded.server().shutdownDelay().plus(loaded.server().shutdownTimeout()).plusSeconds(30).toMillis();
    BooleanSupplier shutdown = () -> {
      MirrorApp app = running.get();
      if (app != null && !app.shutdown().blockingAwait(bound, TimeUnit.MILLISECONDS)) {
        log.warn("event=stop_timed_out after_ms={}", bound);
        return false;
      }
      return true;
    };
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown::getAsBoolean, "shutdown"));
    TermSignal.onTerm(() -> System.exit(shutdown.getAsBoolean() ? 0 : 1), log);
    try {
      running.set(MirrorApp.start(loaded, selected).blockingGet());
      return 0;
    } catch (RuntimeException e) {
      log.error("event=start_failed reason=\"{}\"", e.getMessage());
      return 1;
    }
  }

  private static void configureLogging(MirrorConfig config) {
    if ("json".equals(config.log().format())) {
      System.setProperty("logback.configurationFile", "logback-json.xml");
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(config.log().level(), Level.INFO));
  }
}
