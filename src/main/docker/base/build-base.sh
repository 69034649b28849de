#!/usr/bin/env bash
# Builds the root of every offline image: a minimal Debian bookworm made by debootstrap on this
# machine (no image registry is reachable) and imported into Docker as a single-layer image.
#
# usage: build-base.sh IMAGE_REF INPUTS_HASH
#   DEBIAN_MIRROR overrides the mirror (default http://deb.debian.org/debian).
set -euo pipefail

image_ref="${1:?usage: build-base.sh IMAGE_REF INPUTS_HASH}"
inputs_hash="${2:?usage: build-base.sh IMAGE_REF INPUTS_HASH}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security_mirror="${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"

if [ "$(id -u)" != 0 ]; then echo "build-base.sh: debootstrap needs root" >&2; exit 1; fi
command -v debootstrap > /dev/null || { echo "build-base.sh: debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }

rootfs="$(mktemp -d /tmp/vpai-base.XXXXXX)"
# debootstrap leaves proc/sys mounted if it dies half-way; unmount before deleting the tree.
cleanup() {
  for m in proc sys dev/pts; do umount -l "$rootfs/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$rootfs"
}
trap cleanup EXIT

debootstrap --variant=minbase bookworm "$rootfs" "$mirror"

# Point releases plus security fixes, so images get the same package versions a Debian 12 host has.
cat > "$rootfs/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security_mirror bookworm-security main
SOURCES

# The settings Debian's official container images ship (debuerreotype), for the same reasons:
# no daemons started by package scripts during `docker build`,
cat > "$rootfs/usr/sbin/policy-rc.d" <<'POLICY'
#!/bin/sh
exit 101
POLICY
chmod 755 "$rootfs/usr/sbin/policy-rc.d"
# no recommends, no cached .debs or package lists left in image layers,
cat > "$rootfs/etc/apt/apt.conf.d/90vpai-container" <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
Acquire::CompressionTypes::Order:: "gz";
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT
# and no documentation: it is a third of a typical image and nobody reads it in a container.
cat > "$rootfs/etc/dpkg/dpkg.cfg.d/90vpai-nodoc" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
DPKG
# debootstrap installed before those rules existed: apply them to what is already there.
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
rm -rf "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log

tar --numeric-owner -C "$rootfs" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["bash"]' \
  --change "LABEL io.vpai.harness.image=base" \
  --change "LABEL io.vpai.harness.inputs=$inputs_hash" \
  - "$image_ref"
