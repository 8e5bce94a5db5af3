#!/usr/bin/env bash
# Crash-loop benchmark: a mirror (child JVM) pulling many module versions from a loopback upstream
# that drips its bodies, under concurrent clients, is killed with SIGKILL at seeded random moments
# and restarted on the same data directory, CYCLES times; every stored artifact is audited after
# each kill and at the end. Runs with embedded metadata, then (unless METADATA=embedded) with
# metadata in Redis. Loopback only. Needs: java, mvn (and redis-server for the Redis run).
# Usage: bench/crashloop.sh [CYCLES] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
CYCLES=${1:-100}
SEED=${2:-20261207}
METADATA=${METADATA:-embedded redis}
for tool in java mvn; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
for kind in $METADATA; do
  mvn -B -q -o -pl mirror -am test -Dtest=CrashLoopBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.cycles="$CYCLES" -Dbench.seed="$SEED" -Dbench.metadata="$kind" -DtrimStackTrace=false
  sed -n '/^crash-loop seed/,$p' mirror/target/surefire-reports/io.goproxymirror.mirror.crash.CrashLoopBench-output.txt
done
