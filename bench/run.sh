#!/usr/bin/env bash
# Warm-hit benchmark: goproxy-mirror against nginx serving the very same data directory.
# Loopback only. Needs: java, mvn, python3, wrk, nginx (Debian: apt-get install -y wrk nginx-light).
# Usage: bench/run.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
# Env: ONLY="zip list" limits the measured endpoints; ZIP_KIB sets the payload size (default 256);
#      PIN=1 pins the servers to CPU 0 and wrk to CPU 1 (see bench/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONN=${2:-32}
ROUNDS=${3:-3}
UP_PORT=18391; NG_PORT=18392; MI_PORT=18393
CURL_OPTS=(); A_ARGS=(); B_ARGS=()
. bench/lib.sh
bench_init plain

MIRROR=http://127.0.0.1:$MI_PORT; NGINX_URL=http://127.0.0.1:$NG_PORT
start_mirror "$MIRROR" "$WORK/data"
fill_and_check "$MIRROR"
# nginx serves the mirror's own data directory: possible because its layout is the GOPROXY layout.
start_nginx data $NG_PORT "$WORK/data"
same_bodies "$NGINX_URL" "$MIRROR"

OUT=bench/out; mkdir -p "$OUT"
REPORT="$OUT/result-$(date -u +%Y%m%dT%H%M%SZ).txt"
bench_header | tee "$REPORT"
bench_compare "$REPORT" mirror "$MIRROR" nginx "$NGINX_URL"
