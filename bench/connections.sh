#!/usr/bin/env bash
# Many-connections trial: 1,000 concurrent connections for 60 s against the mirror (from the jar),
# warm hits mixed with cold misses to a loopback upstream that answers after a delay, once under
# the shell's descriptor limit and once under `ulimit -n 1024` (prlimit). Records requests/s, the
# status histogram, p99, log bytes written, RSS and descriptors. Loopback only.
# Needs: java, mvn, go, wrk, curl, prlimit (Debian: apt-get install -y wrk).
# Usage: bench/connections.sh [DURATION_SECONDS] [CONNECTIONS]
# Env: MISS_EVERY (every Nth request is a cold miss; default 10), DELAY (upstream latency; 50ms),
#      JAR (the mirror jar; default mirror/target/mirror.jar, to compare builds),
#      MODES (default "normal nofile1024").
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-60}
CONN=${2:-1000}
DELAY=${DELAY:-50ms}
export MISS_EVERY=${MISS_EVERY:-10} WARM_MODULES=20
for tool in java go wrk curl prlimit; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
JAR=${JAR:-mirror/target/mirror.jar}
[ -f "$JAR" ] || mvn -B -q -o -DskipTests package

WORK=$(mktemp -d /tmp/goproxy-conns.XXXXXX)
UP_PORT=18401; MI_PORT=18402
UP_PID=; MIRROR_PID=
cleanup() {
  [ -n "$MIRROR_PID" ] && kill "$MIRROR_PID" 2>/dev/null || true
  [ -n "$UP_PID" ] && kill "$UP_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

go build -o "$WORK/connsupstream" ./bench/connsupstream/main.go
"$WORK/connsupstream" -addr "127.0.0.1:$UP_PORT" -delay "$DELAY" > "$WORK/upstream.log" 2>&1 &
UP_PID=$!

OUT=bench/out; mkdir -p "$OUT"
REPORT="$OUT/connections-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "jar: $JAR"
  echo "wrk -t2 -c$CONN -d${DUR}s; every ${MISS_EVERY}th request a cold miss (distinct version) to an upstream answering after $DELAY; the rest warm hits (.info/.mod/.zip of $WARM_MODULES modules)"
} | tee "$REPORT"

run() { # name, limit ('' = the shell's)
  local name=$1 limit=$2 data="$WORK/data-$1" log="$WORK/mirror-$1.log"
  local prefix=()
  [ -n "$limit" ] && prefix=(prlimit "--nofile=$limit:$limit")
  MIRROR_PORT=$MI_PORT MIRROR_SERVER_HOST=127.0.0.1 MIRROR_DATA_DIR="$data" MIRROR_UPSTREAM="http://127.0.0.1:$UP_PORT" \
    "${prefix[@]}" java -Xms512m -Xmx512m -jar "$JAR" --role mirror > "$log" 2>&1 &
  MIRROR_PID=$!
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$MI_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  for i in $(seq 0 $((WARM_MODULES - 1))); do
    for k in info mod zip; do curl -fs -o /dev/null "http://127.0.0.1:$MI_PORT/bench.example/warm/m$i/@v/v1.0.0.$k"; done
  done
  local before; before=$(stat -c %s "$log")
  local result
  result=$(wrk -t2 -c"$CONN" -d"${DUR}s" --timeout 10s -s bench/connections.lua "http://127.0.0.1:$MI_PORT" | grep '^RESULT')
  local after; after=$(stat -c %s "$log")
  local rss hwm fds
  rss=$(awk '/VmRSS/{print $2}' "/proc/$MIRROR_PID/status"); hwm=$(awk '/VmHWM/{print $2}' "/proc/$MIRROR_PID/status")
  fds=$(ls "/proc/$MIRROR_PID/fd" | wc -l)
  local health miss waited=0
  # wrk's connections may still be closing: poll (at most 10 s) until the mirror serves again.
  for waited in $(seq 0 50); do
    health=$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MI_PORT/healthz" || true)
    [ "$health" = 200 ] && break
    sleep 0.2
  done
  miss=$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$MI_PORT/bench.example/after/@v/v1.0.0.info" || true)
  local started; started=$(grep -o 'descriptor_limit=[0-9]* client_connections=[0-9]* open_files=[0-9]*' "$log" | head -1 || true)
  printf '%s limit=%s %s log_bytes=%s log_lines=%s rss_kib=%s peak_rss_kib=%s fds_after=%s after_healthz=%s after_ms=%s after_miss=%s %s\n' \
    "$name" "${limit:-$(ulimit -n)}" "${result#RESULT }" "$((after - before))" "$(wc -l < "$log")" "$rss" "$hwm" "$fds" \
    "$health" "$((waited * 200))" "$miss" "$started" | tee -a "$REPORT"
  grep -E 'WARN|ERROR' "$log" | cut -c1-220 | sort | uniq -c | sort -rn | head -8 | sed 's/^/    /' | tee -a "$REPORT"
  kill "$MIRROR_PID"; wait "$MIRROR_PID" 2>/dev/null || true; MIRROR_PID=
}

for mode in ${MODES:-normal nofile1024}; do
  case $mode in
    normal) run normal "" ;;
    nofile1024) run nofile1024 1024 ;;
  esac
done
awk '/^normal /{for(i=1;i<=NF;i++) if($i ~ /^rps=/) {split($i,a,"="); n=a[2]}} /^nofile1024 /{for(i=1;i<=NF;i++) if($i ~ /^rps=/) {split($i,a,"="); l=a[2]}} END {if (n > 0) printf "ratio rps nofile1024/normal = %.2f\n", l/n}' "$REPORT" | tee -a "$REPORT"
echo "report: $REPORT"
