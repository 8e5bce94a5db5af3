#!/usr/bin/env bash
# Warm hits with access control on (a valid token on every request) against the same mirror build
# with access control off, in the same run. Both get the very same requests, Authorization header
# included (the go command sends its .netrc credentials whether or not the mirror checks them), so
# the difference is the mirror's own work: checking the credentials and the access rules. Loopback only. Needs: java, python3, wrk, nginx, curl.
# Usage: bench/auth.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
# Env: ONLY="zip list" limits the measured endpoints; ZIP_KIB sets the payload size (default 256);
#      PIN=1 pins the servers to CPU 0 and wrk to CPU 1 (see bench/lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10}
CONN=${2:-32}
ROUNDS=${3:-3}
UP_PORT=18491; OFF_PORT=18492; ON_PORT=18493
CURL_OPTS=()
. bench/lib.sh
bench_init auth

# A user with a fresh token, made by the mirror's own token command.
java -jar mirror/target/mirror.jar token bench --groups ci > "$WORK/token.txt"
TOKEN=$(awk '/^token:/ {print $2}' "$WORK/token.txt")
{ echo "users:"; sed -n '/^  - name:/,$p' "$WORK/token.txt"; } > "$WORK/users.yaml"
AUTH="Authorization: Basic $(printf 'bench:%s' "$TOKEN" | base64 -w0)"

OFF=http://127.0.0.1:$OFF_PORT; ON=http://127.0.0.1:$ON_PORT
start_mirror "$OFF" "$WORK/off"
start_mirror "$ON" "$WORK/on" MIRROR_AUTH_USERS_FILE="$WORK/users.yaml" MIRROR_AUTH_ANONYMOUS=none
fill_and_check "$OFF" -H "$AUTH"
fill_and_check "$ON" -H "$AUTH"
# Access control is really on: no credentials is 401.
[ "$(curl -s -o /dev/null -w '%{http_code}' "$ON${PATHS[0]}")" = 401 ] || { echo "auth is not on" >&2; exit 1; }

OUT=bench/out; mkdir -p "$OUT"
REPORT="$OUT/auth-$(date -u +%Y%m%dT%H%M%SZ).txt"
{ bench_header; echo "the same Basic token on every request to both; on = users file and anonymous: none"; } | tee "$REPORT"
A_ARGS=(-H "$AUTH"); B_ARGS=(-H "$AUTH")
bench_compare "$REPORT" on "$ON" off "$OFF"
