package io.goproxymirror.mirror.store.s3;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the synchronous S3 client for {@link S3StoreOptions}: Apache HttpClient 5 with a pool of
 * {@code maxConnections}, the timeout on connecting, on each read and on each request attempt, the
 * SDK's standard retries. For a custom endpoint (an S3-compatible service) checksums are only sent
 * and checked where S3 requires them, since several such services reject the SDK's newer default
 * (trailing CRC32 checksums in aws-chunked bodies).
 */
final class S3ClientFactory {
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private S3ClientFactory() {}

  static S3Client create(S3StoreOptions options) {
    Duration timeout = options.timeout();
    Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    S3ClientBuilder builder = S3Client.builder()
        .region(Region.of(options.region()))
        .forcePathStyle(options.pathStyle())
        .credentialsProvider(credentials(options.credentials()))
        .httpClient(Apache5HttpClient.builder()
            .maxConnections(options.maxConnections())
            .connectionTimeout(connect)
            .connectionAcquisitionTimeout(timeout)
            .socketTimeout(timeout)
            .build())
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout));
    options.endpoint().ifPresent(endpoint -> builder
        .endpointOverride(endpoint)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Credentials credentials) {
    if (credentials.accessKeyId().isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(
        credentials.accessKeyId().orElseThrow(), credentials.secretAccessKey().orElseThrow()));
  }
}
