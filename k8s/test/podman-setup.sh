#!/usr/bin/env bash
# Makes podman usable on a CI machine that cannot pull registry images (idempotent):
#  1. /etc/containers/containers.conf with the settings podman needs in this sandbox
#     (runc, cgroupfs, explicit ulimits), written when absent or when this script wrote it;
#  2. the Dockerfile's base image docker.io/library/debian:bookworm-slim, made from Debian
#     packages with debootstrap and imported, only when podman does not have it yet.
# Needs root and the Debian packages podman, runc and debootstrap.
# DEBIAN_MIRROR overrides the mirror (default: the first Debian URI in /etc/apt/sources.list.d).
set -euo pipefail

BASE=docker.io/library/debian:bookworm-slim
CONF=/etc/containers/containers.conf
MARK='# written by k8s/test/podman-setup.sh'

for tool in podman runc debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || { echo "podman-setup: $tool is missing (apt-get install podman runc debootstrap)" >&2; exit 1; }
done

if [ ! -e "$CONF" ] || head -n 1 "$CONF" | grep -qxF "$MARK"; then
  mkdir -p "$(dirname "$CONF")"
  cat > "$CONF.tmp" <<CONFEOF
$MARK
[containers]
default_ulimits = ["nofile=16384:16384", "nproc=4096:4096"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONFEOF
  mv "$CONF.tmp" "$CONF"
else
  echo "podman-setup: keeping the existing $CONF (not written by this script)" >&2
fi

if podman image exists "$BASE"; then
  echo "podman-setup: $BASE is present"
  exit 0
fi

mirror="${DEBIAN_MIRROR:-}"
if [ -z "$mirror" ]; then
  mirror="$(grep -hsoE '^URIs:[[:space:]]*[^[:space:]]+/debian/?$' /etc/apt/sources.list.d/*.sources | head -n 1 | awk '{print $2}')"
fi
if [ -z "$mirror" ]; then
  mirror="$(grep -hsoE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?[^[:space:]]+/debian/?[[:space:]]+bookworm[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | head -n 1 | awk '{print $(NF-1)}')"
fi
mirror="${mirror:-http://deb.debian.org/debian}"

rootfs="$(mktemp -d /var/tmp/bookworm-rootfs.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT
echo "podman-setup: debootstrap bookworm from $mirror"
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 || { cat "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"
# Like the registry's slim image: no package lists or downloaded packages in the base.
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb
tar -C "$rootfs" -c . | podman import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$BASE"
echo "podman-setup: imported $BASE"
