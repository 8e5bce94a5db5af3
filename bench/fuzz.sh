#!/usr/bin/env bash
# Hostile-path fuzzer, benchmark form: the CI test HostilePathFuzzTest with more requests. A whole
# mirror (front and sync worker) in process, a loopback upstream that answers at once (real
# artifacts for a few modules, 404 otherwise), checksum-database routes and admin API on; seeded
# mutations of request paths, odd methods and headers over kept-alive raw connections. Fails on any
# 5xx, any answer slower than the hang bound, a connection closed without an answer, a file written
# outside the data directory or outside its layout, an opened circuit, or wrong bytes afterwards.
# Baseline of the same run: as many warm .info hits over the same client; the ratio of the two
# request rates is printed.
# Loopback only. Needs: java, mvn.
# Usage: bench/fuzz.sh [REQUESTS] [SEED] [THREADS]   (MVN_FLAGS=-o for an offline build)
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS=${1:-100000}
SEED=${2:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
THREADS=${3:-8}
for tool in java mvn; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
mkdir -p bench/out
status=0
mvn -B -q ${MVN_FLAGS:-} -pl mirror -am test -Dtest=HostilePathFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dfuzz.requests="$REQUESTS" -Dfuzz.seed="$SEED" -Dfuzz.threads="$THREADS" -Dfuzz.baseline=true \
  -DtrimStackTrace=false || status=$?
grep '\[hostile-fuzz\]' mirror/target/surefire-reports/io.goproxymirror.mirror.HostilePathFuzzTest-output.txt \
  | tee "bench/out/fuzz-$SEED.txt"
exit "$status"
