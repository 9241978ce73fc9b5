#!/usr/bin/env bash
# The base of the test images: a minimal Debian trixie root filesystem with OpenJDK 21 (headless JRE),
# dash and coreutils, built with mmdebstrap from Debian's mirror (no Docker, no registry) and packed as a
# docker-archive tarball, the format Jib takes as a `tar://` base.
#
#   build-base.sh LINK     builds the tarball unless cached, then points the symlink LINK at it
#
# The tarball is cached outside the clone, keyed by this script's content (any edit rebuilds it):
#   ${MSVC_IMAGES_CACHE:-~/.cache/microservice-operator/images}/debian-jre-21-<key>.tar
# Delete it to pick up newer Debian packages. Needs root (mmdebstrap --mode=root) and mmdebstrap.
set -euo pipefail
link=${1:?usage: build-base.sh LINK}

suite=trixie
mirror=http://deb.debian.org/debian
jre=openjdk-21-jre-headless
# Fixed file dates and creation time: the same packages give the same files, but for Java's cacerts (salted).
export SOURCE_DATE_EPOCH=1735689600

key=$(sha256sum "$0" | cut -c1-12)
cache=${MSVC_IMAGES_CACHE:-$HOME/.cache/microservice-operator/images}
out=$cache/debian-jre-21-$key.tar
start=$SECONDS
step() { echo "[base] +$((SECONDS - start))s $*"; }

mkdir -p "$cache" "$(dirname "$link")"
exec 9>"$cache/.lock"
flock 9 # another clone may be building the same tarball
if [ -f "$out" ]; then
  ln -sfn "$out" "$link"
  step "cached: $out ($(du -h "$out" | cut -f1))"
  exit 0
fi
command -v mmdebstrap >/dev/null || { echo "[base] mmdebstrap is missing: apt-get install mmdebstrap" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "[base] building the base needs root (mmdebstrap --mode=root)" >&2; exit 1; }

work=$(mktemp -d "$cache/.build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

step "mmdebstrap $suite, essential packages + $jre (docs, man pages, locales left out)"
# A private mount namespace: the mounts mmdebstrap makes inside the chroot go away with it, whatever happens.
# update-alternatives needs /usr/share/man/man1 even without man pages, hence the setup hook.
unshare --mount --propagation private mmdebstrap --mode=root --variant=essential --format=directory --quiet \
  --include="$jre" --aptopt='APT::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
  "$suite" "$root" "deb $mirror $suite main" "deb $mirror $suite-updates main" \
  "deb ${mirror}-security $suite-security main"
jre_version=$(chroot "$root" dpkg-query -W -f='${Version}' "$jre")
chroot "$root" dpkg-query -W > "$work/packages.txt"

step "stripping logs and caches; adding user nonroot (65532)"
rm -rf "$root"/var/log/* "$root"/var/cache/apt "$root"/var/lib/apt/lists "$root"/var/cache/ldconfig/aux-cache \
  "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old
: > "$root/etc/resolv.conf" # the container runtime mounts its own; the host's must not leak in
: > "$root/etc/hostname"
echo 'nonroot:x:65532:65532:nonroot:/home/nonroot:/usr/sbin/nologin' >> "$root/etc/passwd"
echo 'nonroot:x:65532:' >> "$root/etc/group"
install -d -o 65532 -g 65532 -m 0755 "$root/home/nonroot"

step "packing the layer (device nodes left out: the runtime provides /dev)"
tar --create --file "$work/layer.tar" --directory "$root" --sort=name --numeric-owner \
  --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime --exclude='./dev/*' .
diff_id=sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n "$work/layer.tar"

step "writing the docker-archive"
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
cat > "$work/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"65532:65532","WorkingDir":"/",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.title":"debian-jre (test base)","dev.microservice.base.suite":"$suite","dev.microservice.base.jre":"$jre $jre_version"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"$created","created_by":"images/base/build-base.sh $key: mmdebstrap $suite $jre $jre_version"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["microservice-operator/debian-jre:21"],"Layers":["layer.tar.gz"]}]' \
  > "$work/manifest.json"
tar --create --file "$work/base.tar" --directory "$work" --owner=0 --group=0 --numeric-owner \
  --mtime="@$SOURCE_DATE_EPOCH" manifest.json config.json layer.tar.gz
mv "$work/packages.txt" "${out%.tar}.packages"
mv "$work/base.tar" "$out"
ln -sfn "$out" "$link"
step "built $out ($(du -h "$out" | cut -f1); root filesystem $(du -sh "$root" | cut -f1)): $jre $jre_version"
