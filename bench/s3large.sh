#!/usr/bin/env bash
# S3 large-object benchmark: N concurrent downloads (default 20) of one warm zip of about
# ZIP_MIB MiB (default 400), straight from S3Proxy (the baseline) and then through a mirror with
# S3 storage, alternating for ROUNDS rounds (default 2) in the same run; every copy is hashed and
# compared. The mirror runs in the benchmark JVM with a heap capped at HEAP (default 512m), far
# below copies × zip size. Loopback only; needs java, mvn and about 3 × ZIP_MIB of free disk under
# /tmp (the upstream file, S3Proxy's on-disk copy, the mirror's staging file).
# Usage: bench/s3large.sh [COPIES] [ZIP_MIB] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-20}
ZIP_MIB=${2:-400}
ROUNDS=${3:-2}
HEAP=${HEAP:-512m}
for tool in java mvn; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
mvn -B -q -pl mirror -am test -Dtest=S3LargeBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.copies="$COPIES" -Dbench.zipMiB="$ZIP_MIB" -Dbench.rounds="$ROUNDS" -DargLine="-Xmx$HEAP" -DtrimStackTrace=false
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
sed -n '/^zip /,$p' mirror/target/surefire-reports/io.goproxymirror.mirror.S3LargeBench-output.txt
