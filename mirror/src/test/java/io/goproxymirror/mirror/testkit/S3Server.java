package io.goproxymirror.mirror.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API server on a free loopback port: S3Proxy with its in-memory ({@code transient})
 * backend, run as a child process from its standalone jar, so its Jetty and jclouds stay off the
 * test classpath. Maven copies the jar ({@code org.gaul:s3proxy}, classifier {@code
 * jar-with-dependencies}) to {@code target/s3proxy/s3proxy.jar} before the tests and names it in
 * the system property {@value #JAR_PROPERTY}. Requests must be signed with {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY} (AWS signature v2 or v4). Contents live as long as the process.
 */
public final class S3Server implements AutoCloseable {
  public static final String JAR_PROPERTY = "s3proxy.jar";
  public static final String ACCESS_KEY = "mirror-test-access";
  public static final String SECRET_KEY = "mirror-test-secret-key";
  public static final String REGION = "us-east-1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern LISTENING =
      Pattern.compile("Started \\S*ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)\\}");
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final Process process;
  private final Thread reaper;
  private final int port;
  private final S3Client client;

  private S3Server(Process process, Thread reaper, int port) {
    this.process = process;
    this.reaper = reaper;
    this.port = port;
    this.client = S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(Apache5HttpClient.builder().build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
  }

  /** Starts S3Proxy with its configuration and log in {@code workDir}; waits until it listens. */
  public static S3Server start(Path workDir) {
    return start(workDir, List.of("jclouds.provider=transient"));
  }

  /**
   * As {@link #start}, keeping objects in files under {@code workDir/blobs} instead of memory (its
   * {@code filesystem} backend), for objects too large for its heap (benchmarks of 400 MB zips).
   */
  public static S3Server startOnDisk(Path workDir) {
    Path blobs = workDir.resolve("blobs");
    try {
      Files.createDirectories(blobs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(workDir, List.of("jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + blobs));
  }

  private static S3Server start(Path workDir, List<String> backend) {
    Path jar = Path.of(System.getProperty(JAR_PROPERTY, "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      return Assertions.fail("S3Proxy jar " + jar.toAbsolutePath() + " is missing; Maven copies it in"
          + " generate-test-resources (mvn -pl mirror test-compile)");
    }
    try {
      Files.createDirectories(workDir);
      Path properties = Files.writeString(workDir.resolve("s3proxy.properties"), String.join("\n",
          "s3proxy.endpoint=http://127.0.0.1:0",
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          String.join("\n", backend),
          "jclouds.identity=unused",
          "jclouds.credential=unused",
          ""));
      Path log = workDir.resolve("s3proxy.log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1", "-jar", jar.toAbsolutePath().toString(),
              "--properties", properties.toString()))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      Thread reaper = new Thread(process::destroyForcibly, "s3proxy-reaper");
      Runtime.getRuntime().addShutdownHook(reaper); // a test JVM that dies leaves no S3Proxy behind
      return new S3Server(process, reaper, awaitPort(process, log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start S3Proxy", e);
    }
  }

  private static int awaitPort(Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      Matcher m = LISTENING.matcher(text);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!process.isAlive()) {
        return Assertions.fail("S3Proxy exited with " + process.exitValue() + ":\n" + tail(text));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException("interrupted while S3Proxy starts", e);
      }
    }
    process.destroyForcibly();
    return Assertions.fail("S3Proxy did not listen within " + START_TIMEOUT + ":\n"
        + tail(Files.readString(log, StandardCharsets.UTF_8)));
  }

  /** {@code http://127.0.0.1:<port>}: path-style addressing, region {@value #REGION}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** A client with the server's credentials, to prepare and inspect buckets. */
  public S3Client client() {
    return client;
  }

  /** Creates a new, empty bucket with a name no other test uses. */
  public String createBucket() {
    String name = "test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    client.createBucket(b -> b.bucket(name));
    return name;
  }

  /** Stops S3Proxy (and waits for it), closing the client. */
  @Override
  public void close() {
    client.close();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }
}
