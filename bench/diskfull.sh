#!/usr/bin/env bash
# Disk-full trial at larger sizes: a mirror whose data directory is a tmpfs of DISK_MIB MiB, filled
# up while it serves. A zip of BIG_MIB MiB is asked for when only ROOM_MIB MiB are free: it must
# stream whole to the client (relayed from the upstream once the staging file hits ENOSPC) without
# being stored; the same zip fetched again after space is freed (stored normally, same upstream
# pacing) is the baseline of the same run. Also measured: how long until /readyz says degraded after
# the disk filled, and ready again after space was freed. Needs root (mount -t tmpfs), java, mvn.
# Usage: sudo bench/diskfull.sh [DISK_MIB] [BIG_MIB] [ROOM_MIB]   (default 512 400 100;
#        MVN_ARGS=-o to build offline)
set -euo pipefail
cd "$(dirname "$0")/.."
DISK=${1:-512}
BIG=${2:-400}
ROOM=${3:-100}
[ "$(id -u)" = 0 ] || { echo "needs root to mount a tmpfs" >&2; exit 1; }
for tool in java mvn; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
MIRROR_REQUIRE_TOOLS=1 mvn -B -q ${MVN_ARGS:-} -pl mirror -am verify -Dtest='DiskFullTrialTest#belowMinFree' \
  -Dsurefire.failIfNoSpecifiedTests=false -Ddiskfull.disk-mib="$DISK" -Ddiskfull.big-mib="$BIG" \
  -Ddiskfull.room-mib="$ROOM" -DtrimStackTrace=false
grep -h '^diskfull-trial' mirror/target/surefire-reports/io.goproxymirror.mirror.DiskFullTrialTest-output.txt
