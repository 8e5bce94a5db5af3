#!/usr/bin/env bash
# Direct-mode build benchmark: time to serve a new version (.info, .mod, .zip) built from a warm
# local Git repository, goproxy-mirror against the go command's own direct mode
# (GOPROXY=direct go mod download) on the very same bare repository, in the same run.
# Loopback/file only. Needs: java, mvn, go, git, curl, python3.
# Usage: bench/direct.sh [VERSIONS] [SOURCE_TREE]
#   VERSIONS     new versions timed per side (default 8)
#   SOURCE_TREE  files that make up the module (default: the Go toolchain's src/net, ~360 files)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-8}
SRC=${2:-$(go env GOROOT)/src/net}
for tool in java go git curl python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
[ -f mirror/target/mirror.jar ] || mvn -B -q -DskipTests package

WORK=$(mktemp -d /tmp/goproxy-direct.XXXXXX)
MODULE=github.com/bench/net
PORT=18394
MIRROR_PID=
cleanup() { [ -n "$MIRROR_PID" ] && kill "$MIRROR_PID" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
now() { date +%s%N; }

# One bare repository, tags v1.0.0 .. v1.0.N on successive commits.
git init -q "$WORK/src" && cp -r "$SRC"/. "$WORK/src/" && printf 'module %s\n\ngo 1.19\n' "$MODULE" > "$WORK/src/go.mod"
( cd "$WORK/src" && git add -A && git -c user.name=b -c user.email=b@b commit -qm v0 && git tag v1.0.0
  for i in $(seq 1 "$N"); do echo "// $i" >> go.mod; git -c user.name=b -c user.email=b@b commit -qam "v$i"; git tag "v1.0.$i"; done )
mkdir -p "$WORK/repos/github.com/bench" && git clone -q --bare "$WORK/src" "$WORK/repos/$MODULE"
# A small other module, fetched first so that the mirror's JVM is warm (it is a long-running server).
git init -q "$WORK/warm" && printf 'module github.com/bench/warmup\n' > "$WORK/warm/go.mod"
( cd "$WORK/warm" && git add -A && git -c user.name=b -c user.email=b@b commit -qm w && git tag v1.0.0 )
git clone -q --bare "$WORK/warm" "$WORK/repos/github.com/bench/warmup"

# The go command: a private git config maps https://github.com/ to the local repositories.
printf '[url "file://%s/"]\n\tinsteadOf = https://\n[protocol "file"]\n\tallow = always\n' "$WORK/repos" > "$WORK/gitconfig"
goenv=(env GIT_CONFIG_GLOBAL="$WORK/gitconfig" GOPROXY=direct GOSUMDB=off GOFLAGS=-modcacherw
  GOMODCACHE="$WORK/gomodcache" GOPATH="$WORK/gopath" GOCACHE="$WORK/gocache" HOME="$WORK")
mkdir -p "$WORK/cwd"
t0=$(now); ( cd "$WORK/cwd" && "${goenv[@]}" go mod download -json "$MODULE@v1.0.0" > /dev/null ); t1=$(now)  # clones
go_cold=$(( (t1 - t0) / 1000000 ))
go_ms=()
for i in $(seq 1 "$N"); do
  t0=$(now); ( cd "$WORK/cwd" && "${goenv[@]}" go mod download -json "$MODULE@v1.0.$i" > "$WORK/go-$i.json" ); t1=$(now)
  go_ms+=($(( (t1 - t0) / 1000000 )))
done

# The mirror: direct only, the same repositories through a rewrite.
cat > "$WORK/mirror.yaml" <<YAML
upstream: direct
git:
  refs-ttl: 1ms
  rewrites:
    - from: "https://github.com/"
      to: "file://$WORK/repos/github.com/"
YAML
MIRROR_PORT=$PORT MIRROR_DATA_DIR="$WORK/data" MIRROR_LOG_LEVEL=warn \
  java -jar mirror/target/mirror.jar --role mirror --config "$WORK/mirror.yaml" > "$WORK/mirror.log" 2>&1 &
MIRROR_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$PORT/$MODULE/@v"
for i in 1 2 3; do
  curl -fs "http://127.0.0.1:$PORT/github.com/bench/warmup/@v/v1.0.0.zip" -o /dev/null
  curl -fs "http://127.0.0.1:$PORT/github.com/bench/warmup/@v/list" -o /dev/null
done
t0=$(now)  # clones
curl -fs "$base/v1.0.0.info" -o /dev/null && curl -fs "$base/v1.0.0.mod" -o /dev/null && curl -fs "$base/v1.0.0.zip" -o /dev/null
t1=$(now); mirror_cold=$(( (t1 - t0) / 1000000 ))
mirror_ms=()
for i in $(seq 1 "$N"); do
  t0=$(now)
  curl -fs "$base/v1.0.$i.info" -o /dev/null && curl -fs "$base/v1.0.$i.mod" -o /dev/null \
    && curl -fs "$base/v1.0.$i.zip" -o "$WORK/mirror-$i.zip"
  t1=$(now)
  mirror_ms+=($(( (t1 - t0) / 1000000 )))
done

# Same bytes? The go command's Sum against the mirror's zip, hashed by the go command itself.
python3 - "$WORK" "$N" <<'PY'
import json, sys, zipfile, hashlib, base64
work, n = sys.argv[1], int(sys.argv[2])
for i in range(1, n + 1):
    want = json.load(open(f"{work}/go-{i}.json"))["Sum"]
    z = zipfile.ZipFile(f"{work}/mirror-{i}.zip")
    lines = "".join(f"{hashlib.sha256(z.read(name)).hexdigest()}  {name}\n" for name in sorted(z.namelist()))
    got = "h1:" + base64.b64encode(hashlib.sha256(lines.encode()).digest()).decode()
    assert got == want, (i, got, want)
print(f"sums: all {n} versions equal to the go command's")
PY
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
gm=$(median "${go_ms[@]}"); mm=$(median "${mirror_ms[@]}")
files=$(find "$SRC" -type f | wc -l)
echo "module: $files files from $SRC; $N new versions per side, warm repository"
echo "first version (clone; the mirror's JVM warmed on another module): go command $go_cold ms, mirror $mirror_cold ms"
echo "go command (GOPROXY=direct) ms: ${go_ms[*]}  median $gm"
echo "mirror (direct, .info+.mod+.zip) ms: ${mirror_ms[*]}  median $mm"
python3 -c "print(f'ratio go/mirror (median): {float($gm)/max(float($mm),1):.2f}')"
