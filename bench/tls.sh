#!/usr/bin/env bash
# Warm-hit benchmark over TLS: goproxy-mirror serving HTTPS itself (server.tls.*) against nginx
# over TLS serving the very same data directory with the very same certificate. Same fixture,
# endpoints and method as bench/run.sh (which measures plain HTTP); wrk speaks HTTP/1.1 over TLS,
# so both sides are measured on HTTP/1.1 keep-alive connections (handshakes are not what is timed).
# Loopback only. Needs: java, mvn, python3, wrk, nginx with ssl, openssl, curl.
# Usage: bench/tls.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
# Env: ONLY="zip list" limits the measured endpoints; ZIP_KIB sets the payload size (default 256);
#      KEY="rsa" uses an RSA 2048 certificate instead of the default P-256 one; PIN=1 as bench/lib.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONN=${2:-32}
ROUNDS=${3:-3}
UP_PORT=18394; NG_PORT=18395; MI_PORT=18396
A_ARGS=(); B_ARGS=()
. bench/lib.sh
CURL_OPTS=()
bench_init tls openssl

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
CURL_OPTS=(--cacert "$CERTS/ca.crt")

MIRROR=https://127.0.0.1:$MI_PORT; NGINX_URL=https://127.0.0.1:$NG_PORT
start_mirror "$MIRROR" "$WORK/data" MIRROR_LOG_LEVEL=info MIRROR_SERVER_TLS_CERT_FILE="$CERTS/tls.crt" MIRROR_SERVER_TLS_KEY_FILE="$CERTS/tls.key"
fill_and_check "$MIRROR"
start_nginx data $NG_PORT "$WORK/data" "$CERTS/tls.crt" "$CERTS/tls.key"
same_bodies "$NGINX_URL" "$MIRROR"
MI_PROTO=$(curl -fs "${CURL_OPTS[@]}" -o /dev/null -w '%{http_version}' --http2 "$MIRROR/healthz" || echo "?")
MI_ENGINE=$(grep -o 'engine=[a-z]*' "$WORK/data.log" | head -1 || true)

OUT=bench/out; mkdir -p "$OUT"
REPORT="$OUT/tls-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  bench_header
  echo "https, ${KEY:-ec} certificate, $(openssl version | cut -d' ' -f1-2) in nginx, mirror TLS ${MI_ENGINE:-engine=?}; curl --http2 to the mirror negotiated HTTP/$MI_PROTO"
} | tee "$REPORT"
bench_compare "$REPORT" mirror "$MIRROR" nginx "$NGINX_URL"
