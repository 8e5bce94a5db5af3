#!/usr/bin/env bash
# Warm-hit benchmark: the mirror with its metadata in Redis against the mirror with embedded
# metadata, same fixture, same machine, alternating rounds. Loopback only.
# Needs: java, mvn, python3, wrk, nginx (the upstream), redis-server.
# Usage: bench/redis.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONN=${2:-32}
ROUNDS=${3:-3}
for tool in java python3 wrk redis-server curl; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -f mirror/target/mirror.jar ] || mvn -B -q -DskipTests package

WORK=$(mktemp -d /tmp/goproxy-redis-bench.XXXXXX); chmod 755 "$WORK"
MODULE=github.com/Bench/Module; ESC=github.com/!bench/!module; VER=v1.2.3
UP_PORT=18396; RE_PORT=18397; EMB_PORT=18398; RED_PORT=18399
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx-upstream.pid" ] && kill "$(cat "$WORK/nginx-upstream.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

python3 bench/make_fixture.py "$WORK/upstream" "$MODULE" "$VER" "${ZIP_KIB:-256}"
sed -e "s|@WORK@|$WORK|g" -e "s|@NAME@|upstream|g" -e "s|@PORT@|$UP_PORT|g" -e "s|@ROOT@|$WORK/upstream|g" \
  bench/nginx.conf.tmpl > "$WORK/nginx-upstream.conf"
"$NGINX" -c "$WORK/nginx-upstream.conf" -p "$WORK"
redis-server --port $RE_PORT --bind 127.0.0.1 --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
PIDS+=($!)
start_mirror() { # port datadir extra-env...
  local port=$1 dir=$2; shift 2
  env MIRROR_PORT="$port" MIRROR_DATA_DIR="$dir" MIRROR_UPSTREAM="http://127.0.0.1:$UP_PORT" MIRROR_LOG_LEVEL=warn "$@" \
    java -Xms512m -Xmx512m -jar mirror/target/mirror.jar --role mirror > "$dir.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return; sleep 0.2; done
  echo "mirror on $port did not start" >&2; exit 1
}
start_mirror $EMB_PORT "$WORK/embedded"
start_mirror $RED_PORT "$WORK/redis" MIRROR_REDIS_URL="redis://127.0.0.1:$RE_PORT"

PATHS=("/$ESC/@v/$VER.info" "/$ESC/@v/$VER.mod" "/$ESC/@v/$VER.zip" "/$ESC/@v/list")
NAMES=(info mod zip list)
for port in $EMB_PORT $RED_PORT; do
  for p in "${PATHS[@]}"; do curl -fs -o /dev/null "http://127.0.0.1:$port$p"; done
  for p in "${PATHS[@]}"; do
    cache=$(curl -fs -D - -o /dev/null "http://127.0.0.1:$port$p" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')
    [ "$cache" = "HIT" ] || { echo "not a warm hit on $port: $p ($cache)" >&2; exit 1; }
  done
done
[ "$(redis-cli -p $RE_PORT --scan | wc -l)" -gt 0 ] || { echo "nothing was written to Redis" >&2; exit 1; }

rps() { wrk -t2 -c"$CONN" -d"${DUR}s" "$1" | awk '/Requests\/sec/ {printf "%.0f\n", $2}'; }
for p in "${PATHS[@]}"; do rps "http://127.0.0.1:$EMB_PORT$p" >/dev/null; rps "http://127.0.0.1:$RED_PORT$p" >/dev/null; done
redis-cli -p $RE_PORT config resetstat >/dev/null
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "wrk -t2 -c$CONN -d${DUR}s, $ROUNDS alternating rounds, medians; warm hits"
printf "%-5s %14s %14s %7s\n" endpoint embedded_rps redis_rps ratio
for i in "${!PATHS[@]}"; do
  e=(); r=()
  for _ in $(seq 1 "$ROUNDS"); do
    e+=("$(rps "http://127.0.0.1:$EMB_PORT${PATHS[$i]}")"); r+=("$(rps "http://127.0.0.1:$RED_PORT${PATHS[$i]}")")
  done
  em=$(printf '%s\n' "${e[@]}" | median); rm=$(printf '%s\n' "${r[@]}" | median)
  printf "%-5s %14s %14s %7.2f\n" "${NAMES[$i]}" "$em" "$rm" "$(echo "$rm $em" | awk '{print $1/$2}')"
done
echo "Redis commands during the measured rounds: $(redis-cli -p $RE_PORT info stats | awk -F: '/total_commands_processed/ {print $2}' | tr -d '\r')"
