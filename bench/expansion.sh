#!/usr/bin/env bash
# Dependency-expansion benchmark: the wall time and cold-miss rate of a cold `go mod download all`
# of a 20-module project through the mirror, with sync.expansion on against off, alternating in the
# same run, the upstream answering after a fixed delay per request (a stand-in for the WAN to
# proxy.golang.org). Loopback only. Needs: java, mvn, go.
# Usage: bench/expansion.sh [ROUNDS] [UPSTREAM_DELAY_MS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
DELAY=${2:-50}
for tool in java mvn go; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
mvn -B -q -pl mirror -am test -Dtest=ExpansionBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rounds="$ROUNDS" -Dbench.upstreamDelayMs="$DELAY" -DtrimStackTrace=false
sed -n '/^upstream delay/,$p' mirror/target/surefire-reports/io.goproxymirror.mirror.ExpansionBench-output.txt
