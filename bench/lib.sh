# Shared parts of the warm-hit benchmarks (bench/run.sh, bench/tls.sh, bench/auth.sh): the fixture
# and its upstream, nginx and mirror start-up, the wrk measurement and the alternating A/B table.
# Sourced, not run. Callers set DUR, CONN, ROUNDS before calling bench_compare.
# Env: ONLY="zip list" limits the measured endpoints; ZIP_KIB sets the payload size (default 256);
#      PIN=1 runs the servers on CPU 0 and wrk (one thread) on CPU 1, so that the load generator does
#      not take the servers' CPU time (steadier ratios on a 2-core machine).

MODULE=github.com/Bench/Module
ESC=github.com/!bench/!module
VER=v1.2.3
PATHS=("/$ESC/@v/$VER.info" "/$ESC/@v/$VER.mod" "/$ESC/@v/$VER.zip" "/$ESC/@v/list")
NAMES=(info mod zip list)
BENCH_PIDS=()
SERVER_CPU=(); WRK=(wrk -t2)
if [ "${PIN:-0}" = 1 ]; then SERVER_CPU=(taskset -c 0); WRK=(taskset -c 1 wrk -t1); fi

# bench_init NAME TOOL...: checks the tools, builds the jar if needed, makes $WORK, starts the
# upstream nginx on $UP_PORT with the fixture module.
bench_init() {
  local name=$1; shift
  local tool
  for tool in java python3 wrk nginx curl "$@"; do
    command -v "$tool" >/dev/null || command -v "/usr/sbin/$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
  done
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  [ -f mirror/target/mirror.jar ] || mvn -B -q -DskipTests package
  WORK=$(mktemp -d "/tmp/goproxy-bench-$name.XXXXXX"); chmod 755 "$WORK"
  trap bench_cleanup EXIT
  python3 bench/make_fixture.py "$WORK/upstream" "$MODULE" "$VER" "${ZIP_KIB:-256}"
  start_nginx upstream "$UP_PORT" "$WORK/upstream"
}

bench_cleanup() {
  local pid f
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for f in "$WORK"/nginx-*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  wait 2>/dev/null || true
}

# start_nginx NAME PORT ROOT [CERT KEY]: nginx serving ROOT, over TLS when a certificate is given.
start_nginx() {
  sed -e "s|@WORK@|$WORK|g" -e "s|@NAME@|$1|g" -e "s|@PORT@|$2|g" -e "s|@ROOT@|$3|g" bench/nginx.conf.tmpl > "$WORK/nginx-$1.conf"
  if [ -n "${4:-}" ]; then
    sed -i -e "s|listen 127.0.0.1:$2;|listen 127.0.0.1:$2 ssl; ssl_certificate $4; ssl_certificate_key $5; ssl_session_cache shared:bench:1m;|" "$WORK/nginx-$1.conf"
    grep -q "listen 127.0.0.1:$2 ssl;" "$WORK/nginx-$1.conf" || { echo "nginx template: listen line not found" >&2; exit 1; }
  fi
  "${SERVER_CPU[@]}" "$NGINX" -c "$WORK/nginx-$1.conf" -p "$WORK"
}

# start_mirror BASE_URL DATA_DIR [ENV=VALUE...]: the mirror (--role mirror) on BASE_URL's port with
# $UP_PORT as upstream; waits for /healthz (curl options in CURL_OPTS, e.g. a CA for https).
start_mirror() {
  local base=$1 data=$2; shift 2
  env MIRROR_PORT="${base##*:}" MIRROR_DATA_DIR="$data" MIRROR_UPSTREAM="http://127.0.0.1:$UP_PORT" MIRROR_LOG_LEVEL=warn "$@" \
    "${SERVER_CPU[@]}" java -Xms512m -Xmx512m -jar mirror/target/mirror.jar --role mirror > "$data.log" 2>&1 &
  BENCH_PIDS+=($!)
  for _ in $(seq 1 150); do curl -fs "${CURL_OPTS[@]}" "$base/healthz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "mirror at $base did not start; see $data.log" >&2; exit 1
}

# fill_and_check BASE_URL [CURL ARGS...]: fetches every endpoint (misses), then checks each is a hit.
fill_and_check() {
  local base=$1 p cache; shift
  for p in "${PATHS[@]}"; do curl -fs "${CURL_OPTS[@]}" "$@" -o /dev/null "$base$p"; done
  for p in "${PATHS[@]}"; do
    cache=$(curl -fs "${CURL_OPTS[@]}" "$@" -D - -o /dev/null "$base$p" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache"{print $2}')
    [ "$cache" = "HIT" ] || { echo "not a warm hit: $base$p ($cache)" >&2; exit 1; }
  done
}

# same_bodies BASE_A BASE_B: every endpoint answers the same bytes on both.
same_bodies() {
  local p
  for p in "${PATHS[@]}"; do
    cmp -s <(curl -fs "${CURL_OPTS[@]}" "$1$p") <(curl -fs "${CURL_OPTS[@]}" "$2$p") || { echo "bodies differ: $p" >&2; exit 1; }
  done
}

# measure URL [WRK ARGS...] -> "rps p50ms p99ms"
measure() {
  local url=$1; shift
  "${WRK[@]}" -c"$CONN" -d"${DUR}s" --latency "$@" "$url" | awk '
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    END {printf "%.0f %.3f %.3f\n", rps, ms(p50), ms(p99)}'
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# bench_header: the lines every report starts with.
bench_header() {
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); $($NGINX -v 2>&1)"
  echo "${WRK[*]} -c$CONN -d${DUR}s, $ROUNDS alternating rounds per endpoint, median reported; zip ${ZIP_KIB:-256} KiB fixture$([ "${PIN:-0}" = 1 ] && echo "; servers on CPU 0, wrk on CPU 1")"
}

# bench_compare REPORT LABEL_A BASE_A LABEL_B BASE_B: warms both up, then measures every endpoint
# in alternating rounds (A, B, A, B, ...) and appends "endpoint A_rps B_rps A/B p50s p99s" rows.
# Extra wrk arguments per side come from the arrays A_ARGS and B_ARGS (for example a header).
bench_compare() {
  local report=$1 la=$2 a=$3 lb=$4 b=$5 i p r x y
  for p in "${PATHS[@]}"; do   # JIT and connection warm-up, not recorded
    "${WRK[@]}" -c"$CONN" -d2s "${A_ARGS[@]}" "$a$p" >/dev/null
    "${WRK[@]}" -c"$CONN" -d2s "${B_ARGS[@]}" "$b$p" >/dev/null
  done
  printf "%-5s %12s %12s %7s %10s %10s %10s %10s\n" endpoint "${la}_rps" "${lb}_rps" ratio "${la}_p50" "${lb}_p50" "${la}_p99" "${lb}_p99" | tee -a "$report"
  for i in "${!PATHS[@]}"; do
    if [ -n "${ONLY:-}" ] && ! [[ " $ONLY " == *" ${NAMES[$i]} "* ]]; then continue; fi
    p=${PATHS[$i]}
    local a_rps=() b_rps=() a_50=() b_50=() a_99=() b_99=()
    for _ in $(seq 1 "$ROUNDS"); do
      read -r r x y < <(measure "$a$p" "${A_ARGS[@]}"); a_rps+=("$r"); a_50+=("$x"); a_99+=("$y")
      read -r r x y < <(measure "$b$p" "${B_ARGS[@]}"); b_rps+=("$r"); b_50+=("$x"); b_99+=("$y")
    done
    local ar br
    ar=$(printf '%s\n' "${a_rps[@]}" | median); br=$(printf '%s\n' "${b_rps[@]}" | median)
    printf "%-5s %12s %12s %7.2f %8sms %8sms %8sms %8sms\n" "${NAMES[$i]}" "$ar" "$br" "$(echo "$ar $br" | awk '{print $1/$2}')" \
      "$(printf '%s\n' "${a_50[@]}" | median)" "$(printf '%s\n' "${b_50[@]}" | median)" \
      "$(printf '%s\n' "${a_99[@]}" | median)" "$(printf '%s\n' "${b_99[@]}" | median)" | tee -a "$report"
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$report"
  echo "report: $report"
}
