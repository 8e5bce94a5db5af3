#!/usr/bin/env bash
# Warm hits with access control on (a valid token on every request) against the same mirror build
# with access control off, in the same run. Loopback only. Needs: java, python3, wrk, nginx, curl.
# Usage: bench/auth.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
# Env: ONLY="zip list" limits the measured endpoints; ZIP_KIB sets the payload size (default 256).
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONN=${2:-32}
ROUNDS=${3:-3}
for tool in java python3 wrk nginx curl; do
  command -v "$tool" >/dev/null || command -v "/usr/sbin/$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -f mirror/target/mirror.jar ] || mvn -B -q -DskipTests package

WORK=$(mktemp -d /tmp/goproxy-bench-auth.XXXXXX); chmod 755 "$WORK"
MODULE=github.com/Bench/Module
ESC=github.com/!bench/!module
VER=v1.2.3
UP_PORT=18491; OFF_PORT=18492; ON_PORT=18493
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx-upstream.pid" ] && kill "$(cat "$WORK/nginx-upstream.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

python3 bench/make_fixture.py "$WORK/upstream" "$MODULE" "$VER" "${ZIP_KIB:-256}"
sed -e "s|@WORK@|$WORK|g" -e "s|@NAME@|upstream|g" -e "s|@PORT@|$UP_PORT|g" -e "s|@ROOT@|$WORK/upstream|g" \
  bench/nginx.conf.tmpl > "$WORK/nginx-upstream.conf"
"$NGINX" -c "$WORK/nginx-upstream.conf" -p "$WORK"

# A user with a fresh token, made by the mirror's own token command.
java -jar mirror/target/mirror.jar token bench --groups ci > "$WORK/token.txt"
TOKEN=$(awk '/^token:/ {print $2}' "$WORK/token.txt")
{ echo "users:"; sed -n '/^  - name:/,$p' "$WORK/token.txt"; } > "$WORK/users.yaml"
AUTH="Authorization: Basic $(printf 'bench:%s' "$TOKEN" | base64 -w0)"

start_mirror() { # port data-dir [extra env...]
  local port=$1 data=$2; shift 2
  env MIRROR_PORT="$port" MIRROR_DATA_DIR="$data" MIRROR_UPSTREAM="http://127.0.0.1:$UP_PORT" MIRROR_LOG_LEVEL=warn "$@" \
    java -Xms512m -Xmx512m -jar mirror/target/mirror.jar --role mirror > "$data.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "mirror on $port did not start; see $data.log" >&2; exit 1
}
start_mirror $OFF_PORT "$WORK/off"
start_mirror $ON_PORT "$WORK/on" MIRROR_AUTH_USERS_FILE="$WORK/users.yaml" MIRROR_AUTH_ANONYMOUS=none

PATHS=("/$ESC/@v/$VER.info" "/$ESC/@v/$VER.mod" "/$ESC/@v/$VER.zip" "/$ESC/@v/list")
NAMES=(info mod zip list)
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
for p in "${PATHS[@]}"; do
  curl -fs -o /dev/null "http://127.0.0.1:$OFF_PORT$p"
  curl -fs -o /dev/null -H "$AUTH" "http://127.0.0.1:$ON_PORT$p"
done
# Access control is really on: no credentials is 401, the token is 200 and a warm hit.
[ "$(status "http://127.0.0.1:$ON_PORT${PATHS[0]}")" = 401 ] || { echo "auth is not on" >&2; exit 1; }
for p in "${PATHS[@]}"; do
  for port in $OFF_PORT $ON_PORT; do
    cache=$(curl -fs -D - -o /dev/null -H "$AUTH" "http://127.0.0.1:$port$p" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')
    [ "$cache" = "HIT" ] || { echo "not a warm hit on $port: $p ($cache)" >&2; exit 1; }
  done
done

measure() { # url [header] -> "rps p50ms p99ms"
  local url=$1; shift
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$@" "$url" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.3f %.3f\n", rps, ms(p50), ms(p99)}'
}
for p in "${PATHS[@]}"; do   # JIT warm-up, not recorded
  wrk -t2 -c"$CONN" -d2s "http://127.0.0.1:$OFF_PORT$p" >/dev/null
  wrk -t2 -c"$CONN" -d2s -H "$AUTH" "http://127.0.0.1:$ON_PORT$p" >/dev/null
done

OUT=bench/out; mkdir -p "$OUT"
REPORT="$OUT/auth-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
  echo "wrk -t2 -c$CONN -d${DUR}s, $ROUNDS alternating rounds per endpoint, median reported; auth on = Basic token on every request, anonymous: none"
  printf "%-5s %12s %12s %7s %10s %10s\n" endpoint on_rps off_rps ratio on_p99 off_p99
} | tee "$REPORT"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in "${!PATHS[@]}"; do
  if [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" ${NAMES[$i]} "* ]]; then continue; fi
  p=${PATHS[$i]}; on=(); off=(); on99=(); off99=()
  for _ in $(seq 1 "$ROUNDS"); do
    read -r r _ b < <(measure "http://127.0.0.1:$ON_PORT$p" -H "$AUTH"); on+=("$r"); on99+=("$b")
    read -r r _ b < <(measure "http://127.0.0.1:$OFF_PORT$p"); off+=("$r"); off99+=("$b")
  done
  a=$(printf '%s\n' "${on[@]}" | median); b=$(printf '%s\n' "${off[@]}" | median)
  printf "%-5s %12s %12s %7.2f %8sms %8sms\n" "${NAMES[$i]}" "$a" "$b" "$(echo "$a $b" | awk '{print $1/$2}')" \
    "$(printf '%s\n' "${on99[@]}" | median)" "$(printf '%s\n' "${off99[@]}" | median)" | tee -a "$REPORT"
done
echo "report: $REPORT"
