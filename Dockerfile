# goproxy-mirror container image, built from Debian packages alone.
#   podman build -t goproxy-mirror .        (or docker build)
# Offline and fast with the host's Maven repository (podman only; docker build has no -v):
#   podman build -v "$HOME/.m2/repository:/root/.m2/repository:ro" --build-arg MAVEN_FLAGS=-o -t goproxy-mirror .

# 1. Build the shaded jar with Debian's JDK 17 and Maven.
FROM docker.io/library/debian:bookworm-slim AS build
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml ./
COPY k8s/pom.xml k8s/
COPY gomod gomod
COPY config config
COPY sync-worker sync-worker
COPY mirror mirror
# MAVEN_FLAGS: extra Maven options, e.g. -o with a mounted repository.
ARG MAVEN_FLAGS=""
RUN mvn -B -q $MAVEN_FLAGS -Dmaven.test.skip=true -pl mirror -am package \
 && cp mirror/target/mirror.jar /mirror.jar

# 2. The runtime: Debian's headless JRE 17, a fixed non-root user, state only under /data.
FROM docker.io/library/debian:bookworm-slim
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
 && groupadd --gid 10001 mirror \
 && useradd --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin mirror \
 && mkdir -p /app /data \
 && chown 10001:10001 /data
COPY --from=build /mirror.jar /app/mirror.jar
ENV MIRROR_DATA_DIR=/data
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 3000
# The heap follows the container's memory limit; the JVM's temporary files (Netty's native
# library) go to the data directory, so the root file system may be read-only.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", "-Djava.io.tmpdir=/data/.java-tmp", "-jar", "/app/mirror.jar"]
CMD ["--role", "all"]
