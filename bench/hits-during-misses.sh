#!/usr/bin/env bash
# Hits during misses: the time to first byte of warm hits while the same mirror process serves a
# cold download of many other versions, against the same hits with nothing else going on (the
# baseline, same run), with embedded metadata and with metadata in Redis. A control mirror (a second
# process with the same hits and no misses) is probed at the same time: what it sees is the
# machine's share of any slowdown (CPU taken by the misses, other load), not queueing in the process.
# The upstream is a loopback GOPROXY server (bench/hits_during_misses.py) answering every request
# after a fixed delay, standing in for the WAN. Loopback only. Needs: java, mvn, python3, curl,
# redis-server.
# Usage: bench/hits-during-misses.sh [MISS_VERSIONS] [MISS_CONCURRENCY] [UPSTREAM_DELAY_MS]
# Env: HIT_VERSIONS (default 40), PROBE_THREADS (2), IDLE_SECONDS (10), ZIP_KIB (64), MODES ("embedded redis"),
#      JAVA_OPTS (extra JVM options for both mirrors, e.g. a JFR recording), JAR (default mirror/target/mirror.jar),
#      KEEP=1 keeps the work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
MISSES=${1:-1200}
CONC=${2:-48}
DELAY=${3:-50}
HITS=${HIT_VERSIONS:-40}
THREADS=${PROBE_THREADS:-2}
IDLE=${IDLE_SECONDS:-10}
ZIP_KIB=${ZIP_KIB:-64}
MODES=${MODES:-embedded redis}
VERSIONS=20
MODULES=$(( (HITS + MISSES + VERSIONS - 1) / VERSIONS ))
for tool in java python3 curl redis-server; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
[ -n "${JAR:-}" ] || [ -f mirror/target/mirror.jar ] || mvn -B -q -DskipTests package

WORK=$(mktemp -d /tmp/goproxy-hdm.XXXXXX)
PY=bench/hits_during_misses.py
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
UP_PORT=$(free_port); RE_PORT=$(free_port); MI_PORT=$(free_port); CT_PORT=$(free_port)
PIDS=()
MIRROR_PID=
cleanup() {
  [ -n "$MIRROR_PID" ] && kill "$MIRROR_PID" 2>/dev/null || true
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

python3 $PY upstream "$UP_PORT" "$MODULES" "$VERSIONS" "$ZIP_KIB" "$DELAY" &
PIDS+=($!)
redis-server --port "$RE_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
PIDS+=($!)
python3 $PY paths "$MODULES" "$VERSIONS" 0 "$HITS" > "$WORK/hits.txt"
python3 $PY paths "$MODULES" "$VERSIONS" "$HITS" "$MISSES" > "$WORK/misses.txt"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$UP_PORT/example.com/hdm/m000/@v/list" >/dev/null && break; sleep 0.1; done

echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
echo "corpus: $HITS warm versions (hits), $MISSES cold versions (misses), .info+.mod+.zip each, zip ~${ZIP_KIB} KiB;" \
  "upstream delay ${DELAY} ms; misses fetched $CONC at a time; hits probed by $THREADS threads per mirror, a new connection each"
start_mirror() { # port datadir extra-env... ; prints the pid
  local port=$1 dir=$2; shift 2
  env MIRROR_PORT="$port" MIRROR_DATA_DIR="$dir" MIRROR_UPSTREAM="http://127.0.0.1:$UP_PORT" MIRROR_LOG_LEVEL=warn "$@" \
    java -Xms512m -Xmx512m ${JAVA_OPTS:-} -jar "${JAR:-mirror/target/mirror.jar}" --role mirror > "$dir.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
  python3 $PY fetch "http://127.0.0.1:$port" "$WORK/hits.txt" 8 >&2       # misses: fills the hit set
  python3 $PY fetch "http://127.0.0.1:$port" "$WORK/hits.txt" 8 HIT >&2   # now every one is a warm hit
  python3 $PY probe "http://127.0.0.1:$port" "$WORK/hits.txt" 5 "$THREADS" "$dir-jit.json" >&2  # JIT warm-up
  echo "$pid"
}
control="http://127.0.0.1:$CT_PORT"
PIDS+=("$(start_mirror "$CT_PORT" "$WORK/data-control")")
for mode in $MODES; do
  data="$WORK/data-$mode"
  extra=()
  [ "$mode" = redis ] && extra=(MIRROR_REDIS_URL="redis://127.0.0.1:$RE_PORT" MIRROR_METADATA_REDIS_KEY_PREFIX="hdm-$RANDOM:")
  MIRROR_PID=$(start_mirror "$MI_PORT" "$data" "${extra[@]}")
  base="http://127.0.0.1:$MI_PORT"
  python3 $PY probe "$control" "$WORK/hits.txt" "$IDLE" "$THREADS" "$WORK/$mode-control-idle.json" &
  cprobe=$!
  python3 $PY probe "$base" "$WORK/hits.txt" "$IDLE" "$THREADS" "$WORK/$mode-idle.json"
  wait "$cprobe"
  rm -f "$WORK/$mode.stop"
  python3 $PY probe "$base" "$WORK/hits.txt" "@$WORK/$mode.stop" "$THREADS" "$WORK/$mode-busy.json" &
  probe=$!
  python3 $PY probe "$control" "$WORK/hits.txt" "@$WORK/$mode.stop" "$THREADS" "$WORK/$mode-control-busy.json" &
  cprobe=$!
  t0=$(date +%s%N)
  python3 $PY fetch "$base" "$WORK/misses.txt" "$CONC" || echo "some misses failed (see $data.log)"
  t1=$(date +%s%N)
  touch "$WORK/$mode.stop"
  wait "$probe" "$cprobe"
  echo
  echo "cold download of $MISSES versions: $(( (t1 - t0) / 1000000 )) ms; load average before the run: $LOAD"
  python3 $PY stats "$mode metadata" "$WORK/$mode-idle.json" "$WORK/$mode-busy.json" \
    "$WORK/$mode-control-idle.json" "$WORK/$mode-control-busy.json"
  blocked=$(grep -c "has been blocked" "$data.log" || true)
  echo "  blocked-thread warnings in the mirror's log: $blocked"
  kill "$MIRROR_PID"; while kill -0 "$MIRROR_PID" 2>/dev/null; do sleep 0.1; done; MIRROR_PID=
done
