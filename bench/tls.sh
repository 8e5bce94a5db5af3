#!/usr/bin/env bash
# Warm-hit benchmark over TLS: goproxy-mirror serving HTTPS itself (server.tls.*) against nginx
# over TLS serving the very same data directory with the very same certificate. Same fixture,
# endpoints and method as bench/run.sh (which measures plain HTTP); wrk speaks HTTP/1.1 over TLS,
# so both sides are measured on HTTP/1.1 keep-alive connections (handshakes are not what is timed).
# Loopback only. Needs: java, mvn, python3, wrk, nginx with ssl, openssl, curl.
# Usage: bench/tls.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
# Env: ONLY="zip list" limits the measured endpoints; ZIP_KIB sets the payload size (default 256);
#      KEY="rsa" uses an RSA 2048 certificate instead of the default P-256 one.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONN=${2:-32}
ROUNDS=${3:-3}
for tool in java python3 wrk nginx curl openssl; do
  command -v "$tool" >/dev/null || command -v "/usr/sbin/$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -f mirror/target/mirror.jar ] || mvn -B -q -DskipTests package

WORK=$(mktemp -d /tmp/goproxy-bench-tls.XXXXXX); chmod 755 "$WORK"
MODULE=github.com/Bench/Module
ESC=github.com/!bench/!module
VER=v1.2.3
UP_PORT=18394; NG_PORT=18395; MI_PORT=18396
MIRROR_PID=
cleanup() {
  [ -n "$MIRROR_PID" ] && kill "$MIRROR_PID" 2>/dev/null || true
  for n in upstream data; do [ -f "$WORK/nginx-$n.pid" ] && kill "$(cat "$WORK/nginx-$n.pid")" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# A throw-away CA and a server certificate for 127.0.0.1, shared by both servers.
CERTS="$WORK/certs"; mkdir -p "$CERTS"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$CERTS/ca.key" -out "$CERTS/ca.crt" -days 1 \
  -subj "/CN=bench CA" -addext basicConstraints=critical,CA:TRUE 2>/dev/null
if [ "${KEY:-ec}" = rsa ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$CERTS/tls.key" 2>/dev/null
else
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$CERTS/tls.key" 2>/dev/null
fi
openssl req -new -key "$CERTS/tls.key" -subj "/CN=127.0.0.1" -out "$CERTS/tls.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$CERTS/ext"
openssl x509 -req -in "$CERTS/tls.csr" -CA "$CERTS/ca.crt" -CAkey "$CERTS/ca.key" -set_serial 1 -days 1 \
  -extfile "$CERTS/ext" -out "$CERTS/tls.crt" 2>/dev/null
CURL=(curl -fs --cacert "$CERTS/ca.crt")

start_nginx() { # name port root [tls]
  sed -e "s|@WORK@|$WORK|g" -e "s|@NAME@|$1|g" -e "s|@PORT@|$2|g" -e "s|@ROOT@|$3|g" bench/nginx.conf.tmpl > "$WORK/nginx-$1.conf"
  if [ "${4:-}" = tls ]; then
    sed -i -e "s|listen 127.0.0.1:$2;|listen 127.0.0.1:$2 ssl; ssl_certificate $CERTS/tls.crt; ssl_certificate_key $CERTS/tls.key; ssl_session_cache shared:bench:1m;|" "$WORK/nginx-$1.conf"
    grep -q "listen 127.0.0.1:$2 ssl;" "$WORK/nginx-$1.conf" || { echo "nginx template: listen line not found" >&2; exit 1; }
  fi
  "$NGINX" -c "$WORK/nginx-$1.conf" -p "$WORK"
}

python3 bench/make_fixture.py "$WORK/upstream" "$MODULE" "$VER" "${ZIP_KIB:-256}"
start_nginx upstream $UP_PORT "$WORK/upstream"

MIRROR_PORT=$MI_PORT MIRROR_DATA_DIR="$WORK/data" MIRROR_UPSTREAM="http://127.0.0.1:$UP_PORT" MIRROR_LOG_LEVEL=warn \
  MIRROR_SERVER_TLS_CERT_FILE="$CERTS/tls.crt" MIRROR_SERVER_TLS_KEY_FILE="$CERTS/tls.key" \
  java -Xms512m -Xmx512m -jar mirror/target/mirror.jar --role mirror > "$WORK/mirror.log" 2>&1 &
MIRROR_PID=$!
for _ in $(seq 1 100); do "${CURL[@]}" "https://127.0.0.1:$MI_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

PATHS=("/$ESC/@v/$VER.info" "/$ESC/@v/$VER.mod" "/$ESC/@v/$VER.zip" "/$ESC/@v/list")
NAMES=(info mod zip list)
# Fill the mirror (misses), then check every endpoint is now a hit.
for p in "${PATHS[@]}"; do "${CURL[@]}" -o /dev/null "https://127.0.0.1:$MI_PORT$p"; done
for p in "${PATHS[@]}"; do
  cache=$("${CURL[@]}" -D - -o /dev/null "https://127.0.0.1:$MI_PORT$p" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')
  [ "$cache" = "HIT" ] || { echo "not a warm hit: $p ($cache)" >&2; exit 1; }
done
start_nginx data $NG_PORT "$WORK/data" tls
for p in "${PATHS[@]}"; do
  cmp -s <("${CURL[@]}" "https://127.0.0.1:$NG_PORT$p") <("${CURL[@]}" "https://127.0.0.1:$MI_PORT$p") || { echo "bodies differ: $p" >&2; exit 1; }
done
MI_PROTO=$("${CURL[@]}" -o /dev/null -w '%{http_version}' --http2 "https://127.0.0.1:$MI_PORT/healthz" || echo "?")

measure() { # url -> "rps p50ms p99ms"
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency "$1" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.3f %.3f\n", rps, ms(p50), ms(p99)}'
}

# Warm-up of both servers (JIT, TLS session setup), not recorded.
for p in "${PATHS[@]}"; do
  wrk -t2 -c"$CONN" -d2s "https://127.0.0.1:$MI_PORT$p" >/dev/null
  wrk -t2 -c"$CONN" -d2s "https://127.0.0.1:$NG_PORT$p" >/dev/null
done

OUT=bench/out; mkdir -p "$OUT"
REPORT="$OUT/tls-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); $($NGINX -v 2>&1); $(openssl version | cut -d' ' -f1-2)"
  echo "https, ${KEY:-ec} certificate, wrk -t2 -c$CONN -d${DUR}s (HTTP/1.1 over TLS), $ROUNDS alternating rounds per endpoint, median reported; zip $(stat -c %s "$WORK/data/$ESC/@v/$VER.zip") bytes; curl --http2 to the mirror negotiated HTTP/$MI_PROTO"
  printf "%-5s %12s %12s %7s %10s %10s %10s %10s\n" endpoint mirror_rps nginx_rps ratio mirror_p50 nginx_p50 mirror_p99 nginx_p99
} | tee "$REPORT"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for i in "${!PATHS[@]}"; do
  if [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" ${NAMES[$i]} "* ]]; then continue; fi
  p=${PATHS[$i]}; m_rps=(); n_rps=(); m_50=(); n_50=(); m_99=(); n_99=()
  for _ in $(seq 1 "$ROUNDS"); do
    read -r r a b < <(measure "https://127.0.0.1:$MI_PORT$p"); m_rps+=("$r"); m_50+=("$a"); m_99+=("$b")
    read -r r a b < <(measure "https://127.0.0.1:$NG_PORT$p"); n_rps+=("$r"); n_50+=("$a"); n_99+=("$b")
  done
  mr=$(printf '%s\n' "${m_rps[@]}" | median); nr=$(printf '%s\n' "${n_rps[@]}" | median)
  printf "%-5s %12s %12s %7.2f %8sms %8sms %8sms %8sms\n" "${NAMES[$i]}" "$mr" "$nr" "$(echo "$mr $nr" | awk '{print $1/$2}')" \
    "$(printf '%s\n' "${m_50[@]}" | median)" "$(printf '%s\n' "${n_50[@]}" | median)" \
    "$(printf '%s\n' "${m_99[@]}" | median)" "$(printf '%s\n' "${n_99[@]}" | median)" | tee -a "$REPORT"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$REPORT"
echo "report: $REPORT"
