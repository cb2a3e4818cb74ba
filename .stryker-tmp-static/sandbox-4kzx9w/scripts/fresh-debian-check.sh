#!/usr/bin/env bash
# Prove that .ci/run installs everything the test suite needs on a FRESH Debian 12 machine.
#
# A developer machine carries packages installed by hand, so a green `.ci/run` there can hide a
# missing install step. This script runs `.ci/run` in a minimal Debian 12 (bookworm) root that
# holds nothing but what debootstrap's minbase variant installs (plus git, which CI needs to
# check the repository out) and the host's Node/npm, exactly as CI provides them (preinstalled).
#
# Usage (as root):  scripts/fresh-debian-check.sh [REF]     REF: commit-ish of this repository (default main)
# Environment:
#   NETSETUP_FRESH_CACHE   cache folder (default /var/tmp/netsetup-fresh-bookworm): the pristine
#                          tarball, the apt download cache, logs and run roots live here
#   NETSETUP_FRESH_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#   NETSETUP_FRESH_NET     private (default): the run gets its own network namespace, reaching
#                          the internet (Debian mirror, npm registry) through slirp4netns, so its
#                          loopback ports cannot collide with the host's; shared: the host's network
#   NETSETUP_FRESH_LOCK    with NET=shared only: lock file held around the run (default
#                          /tmp/netsetup-mta.lock, the lock of the tests that bind fixed loopback ports)
#   NETSETUP_FRESH_KEEP    1: keep the run root afterwards, 0: remove it; default: keep on failure
#   NETSETUP_FRESH_TIMEOUT minutes before the run is killed (default 150; CI's limit is 90)
#   NETSETUP_FRESH_APT_CACHE 0: do not reuse downloaded .deb files between runs (default 1)
#
# What differs from a real fresh machine (chroot artefacts, not things .ci/run must fix):
#   - no systemd as PID 1: the run has its own PID namespace whose PID 1 is this script's shell;
#     invoke-rc.d sees the chroot and starts no daemon when packages install (a real machine
#     starts postfix, dovecot and sshd there, and .ci/run stops them);
#   - the network is user-mode (slirp4netns: address 10.0.2.100, DNS 10.0.2.3, no route to the
#     host's loopback); with NET=shared it is the host's, and then /usr/sbin/policy-rc.d forbids
#     package scripts to start daemons (they would bind the host's ports 25/22);
#   - /dev is the host's (bind), /run and /dev/shm are fresh tmpfs, the hostname is netsetup-fresh;
#   - when this machine trusts extra CA certificates for Node (NODE_EXTRA_CA_CERTS, e.g. a TLS
#     proxy in front of the npm registry), the run gets a copy of that file, at
#     /etc/netsetup-fresh/node-extra-ca.pem, and the variable, as a CI machine that reaches the
#     registry the same way would have them; Debian's own CA bundle in the root stays Debian's.
# Every mount lives in a private mount namespace and every process in the PID namespace, so
# nothing outlives the run, whatever way it ends.
set -euo pipefail

CACHE="${NETSETUP_FRESH_CACHE:-/var/tmp/netsetup-fresh-bookworm}"
MIRROR="${NETSETUP_FRESH_MIRROR:-http://deb.debian.org/debian}"
NET="${NETSETUP_FRESH_NET:-private}"
LOCK="${NETSETUP_FRESH_LOCK-/tmp/netsetup-mta.lock}"
KEEP="${NETSETUP_FRESH_KEEP:-}"
TIMEOUT_MIN="${NETSETUP_FRESH_TIMEOUT:-150}"
APT_CACHE="${NETSETUP_FRESH_APT_CACHE:-1}"
REF="${1:-main}"
SUITE=bookworm
FRESH_HOSTNAME=netsetup-fresh

die() { echo "fresh-check: $*" >&2; exit 2; }
say() { echo "fresh-check: $*"; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot and mounts need it)"
case "$NET" in
  private) LOCK=""; need_slirp=slirp4netns ;;
  shared) need_slirp="" ;;
  *) die "NETSETUP_FRESH_NET is '$NET': must be private or shared" ;;
esac
for t in debootstrap unshare chroot tar git flock timeout mount ip $need_slirp; do
  command -v "$t" >/dev/null || die "$t is missing on this machine (Debian: apt-get install debootstrap util-linux tar git iproute2 slirp4netns)"
done

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_GIT="$(git -C "$SCRIPT_DIR/.." rev-parse --path-format=absolute --git-common-dir)"
COMMIT="$(git --git-dir="$REPO_GIT" rev-parse --verify --quiet "$REF^{commit}")" \
  || die "REF '$REF' is not a commit of $REPO_GIT (give a branch, tag or commit, e.g. main)"

# The host's Node and npm, to be mounted read-only at the same paths inside the root.
NODE_CMD="$(command -v node)" || die "node is not installed on this machine (CI has Node 20 + npm preinstalled)"
NPM_CMD="$(command -v npm)" || die "npm is not installed on this machine"
NODE_BIN="$(readlink -f "$NODE_CMD")"
NPM_CLI="$(readlink -f "$NPM_CMD")"                   # …/node_modules/npm/bin/npm-cli.js
NODE_MODULES="$(dirname "$(dirname "$(dirname "$NPM_CLI")")")"
[ -f "$NODE_MODULES/npm/package.json" ] || die "cannot find npm's package folder from $NPM_CMD ($NPM_CLI)"
NODE_VERSION="$("$NODE_BIN" --version)"
NPM_VERSION="$(npm --version)"

mkdir -p "$CACHE/logs"
# One run at a time per cache folder (runs share the pristine tarball and remove old run roots).
exec 8>>"$CACHE/.run.lock"
flock -n 8 || die "another fresh-debian-check run is using $CACHE"
PRISTINE="$CACHE/pristine-$SUITE.tar"

# 1. The pristine root: debootstrap once, configure it the way a freshly installed Debian 12 is,
#    and keep it as a tarball; every run starts from a new copy.
if [ ! -s "$PRISTINE" ]; then
  build="$CACHE/build"
  # A finished debootstrap removes its own work folder; one still there was interrupted.
  if [ ! -f "$build/etc/debian_version" ] || [ -e "$build/debootstrap" ]; then
    rm -rf "$build"
    say "debootstrap $SUITE (minbase + git) from $MIRROR into $build (once; a few minutes)"
    debootstrap --variant=minbase --include=git "$SUITE" "$build" "$MIRROR" >"$CACHE/logs/debootstrap.log" 2>&1 \
      || { tail -30 "$CACHE/logs/debootstrap.log"; die "debootstrap failed (log: $CACHE/logs/debootstrap.log)"; }
  fi
  # Debian 12's default sources: the release, its updates and security.
  cat >"$build/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb http://deb.debian.org/debian-security $SUITE-security main
EOF
  echo "$FRESH_HOSTNAME" >"$build/etc/hostname"
  # As the Debian installer writes it (IPv4 and IPv6 loopback names).
  cat >"$build/etc/hosts" <<EOF
127.0.0.1	localhost
127.0.1.1	$FRESH_HOSTNAME

::1	localhost ip6-localhost ip6-loopback
ff02::1	ip6-allnodes
ff02::2	ip6-allrouters
EOF
  rm -f "$build/etc/resolv.conf"
  (cd "$build" && tar --numeric-owner -cpf "$PRISTINE.tmp" .)
  mv "$PRISTINE.tmp" "$PRISTINE"
  rm -rf "$build"
fi

# Run roots of earlier runs (kept after a failure) go first: only the newest is kept.
for old in "$CACHE"/run-*; do
  [ -d "$old" ] || continue
  if grep -q " $old[/ ]" /proc/self/mountinfo; then
    say "not removing $old: something is mounted below it"; continue
  fi
  rm -rf "$old"
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
ROOT="$CACHE/run-$STAMP"
LOG="$CACHE/logs/run-$STAMP.log"
mkdir -p "$ROOT"
say "fresh root $ROOT from $PRISTINE"
tar --numeric-owner -xpf "$PRISTINE" -C "$ROOT"
if [ "$NET" = private ]; then
  echo "nameserver 10.0.2.3" >"$ROOT/etc/resolv.conf"   # slirp4netns forwards it to the host's resolver
  rm -f "$ROOT/usr/sbin/policy-rc.d"                    # (older pristine tarballs carried one)
else
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  # The run shares the host's network: no package script may start a daemon (see header).
  printf '#!/bin/sh\n# fresh-debian-check: the chroot shares the host network, daemons must not start\nexit 101\n' \
    >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
fi

# 2. The repository at REF, checked out the way CI does (a clone, not this worktree).
CHECKOUT=/root/netsetup
git clone -q --no-hardlinks --no-checkout "$REPO_GIT" "$ROOT$CHECKOUT"
git -C "$ROOT$CHECKOUT" checkout -q --detach "$COMMIT"
say "checked out $REF = $(git -C "$ROOT$CHECKOUT" log -1 --format='%h %s')"

# The read-only NixOS eval kit lives beside the repository (shared/nixos-eval-kit in a folder
# above it), as on the CI machine: the same folder, bind-mounted read-only beside the checkout.
KIT="${NETSETUP_NIXOS_EVAL_KIT:-}"
if [ -z "$KIT" ]; then
  d="$(cd "$SCRIPT_DIR/.." && pwd)"
  while [ "$d" != / ]; do d="$(dirname "$d")"; if [ -f "$d/shared/nixos-eval-kit/eval.nix" ]; then KIT="$d/shared/nixos-eval-kit"; break; fi; done
fi
[ -n "$KIT" ] || die "shared/nixos-eval-kit not found above the repository; set NETSETUP_NIXOS_EVAL_KIT"
mkdir -p "$ROOT$(dirname "$CHECKOUT")/shared/nixos-eval-kit"

# 3. Mount points for Node/npm (bind-mounted read-only below) and the commands on PATH.
mkdir -p "$ROOT$(dirname "$NODE_BIN")" "$ROOT$NODE_MODULES"
touch "$ROOT$NODE_BIN"
for pair in "$NODE_CMD:$NODE_BIN" "$NPM_CMD:$NPM_CLI" "$(dirname "$NPM_CMD")/npx:$NODE_MODULES/npm/bin/npx-cli.js"; do
  link="${pair%%:*}"; target="${pair#*:}"
  [ "$link" = "$target" ] && continue
  mkdir -p "$ROOT$(dirname "$link")"
  ln -sfn "$target" "$ROOT$link"
done
if [ "$APT_CACHE" = 1 ]; then mkdir -p "$CACHE/apt-archives/partial"; fi
EXTRA_CA=""
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  EXTRA_CA=/etc/netsetup-fresh/node-extra-ca.pem
  install -D -m 0644 "$NODE_EXTRA_CA_CERTS" "$ROOT$EXTRA_CA"
fi

# The part that runs in the new mount/PID/UTS namespaces: mounts, then .ci/run in the chroot.
IFS= read -r -d '' INNER <<'EOS' || true
set -euo pipefail
R="$FRESH_ROOT"
# The root must be a mount point, as / is on a real machine: `unshare -m` (test/mta) makes /
# private and fails with EINVAL when / is a plain folder.
mount --bind "$R" "$R"
hostname "$FRESH_HOSTNAME"
if [ "$FRESH_NET" = private ]; then
  ip link set lo up
  # slirp4netns (started by the caller once this namespace exists) brings up tap0.
  for _ in $(seq 300); do ip -4 addr show dev tap0 2>/dev/null | grep -q 'inet ' && break; sleep 0.1; done
  ip -4 addr show dev tap0 2>/dev/null | grep -q 'inet ' || { echo "fresh-check: the network (tap0) did not come up" >&2; exit 3; }
fi
mount -t proc proc "$R/proc"
mount -t sysfs sysfs "$R/sys"
mount --rbind /dev "$R/dev"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$R/dev/shm"
mount -t tmpfs -o mode=755,nosuid,nodev tmpfs "$R/run"
mkdir -p "$R/run/lock" && chmod 1777 "$R/run/lock"
mount --bind "$FRESH_NODE_BIN" "$R$FRESH_NODE_BIN"
mount -o remount,bind,ro "$R$FRESH_NODE_BIN"
mount --bind "$FRESH_NODE_MODULES" "$R$FRESH_NODE_MODULES"
mount -o remount,bind,ro "$R$FRESH_NODE_MODULES"
if [ "$FRESH_APT_CACHE" = 1 ]; then mount --bind "$FRESH_CACHE/apt-archives" "$R/var/cache/apt/archives"; fi
mount --bind "$FRESH_KIT" "$R$(dirname "$FRESH_CHECKOUT")/shared/nixos-eval-kit"
mount -o remount,bind,ro "$R$(dirname "$FRESH_CHECKOUT")/shared/nixos-eval-kit"
ca_env=()
if [ -n "$FRESH_EXTRA_CA" ]; then ca_env=(NODE_EXTRA_CA_CERTS="$FRESH_EXTRA_CA"); fi
# A login shell's environment on a fresh machine: no locale chosen, CI=true as CI services set it.
set +e
timeout --signal=TERM --kill-after=60 "${FRESH_TIMEOUT_MIN}m" chroot "$R" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/sh CI=true "${ca_env[@]}" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/sh -c "cd $FRESH_CHECKOUT && exec .ci/run" </dev/null
rc=$?
exit "$rc"   # PID 1 of the namespace: when it ends, every process left in the run is killed
EOS

say "node $NODE_VERSION ($NODE_BIN), npm $NPM_VERSION ($NODE_MODULES/npm), read-only${EXTRA_CA:+; extra CA certificates for Node: $EXTRA_CA}"
say "log: $LOG"
start=$(date +%s)
run() {
  local netflag="" upid spid="" rc
  [ "$NET" = private ] && netflag=--net
  FRESH_ROOT="$ROOT" FRESH_HOSTNAME="$FRESH_HOSTNAME" FRESH_NODE_BIN="$NODE_BIN" FRESH_NODE_MODULES="$NODE_MODULES" \
  FRESH_CACHE="$CACHE" FRESH_APT_CACHE="$APT_CACHE" FRESH_CHECKOUT="$CHECKOUT" FRESH_NET="$NET" FRESH_KIT="$KIT" \
  FRESH_EXTRA_CA="$EXTRA_CA" FRESH_TIMEOUT_MIN="$TIMEOUT_MIN" \
    unshare $netflag --mount --propagation private --uts --pid --fork --kill-child -- bash -c "$INNER" &
  upid=$!
  # unshare blocks SIGINT/SIGTERM while it waits; the namespace's PID 1 dies only by SIGKILL
  # from here, and takes every process of the run with it.
  trap 'kill -KILL $(cat "/proc/$upid/task/$upid/children" 2>/dev/null) 2>/dev/null' INT TERM
  if [ "$NET" = private ]; then
    # unshare enters the new network namespace itself before it forks: wait until it has, so
    # slirp4netns can never attach to the host's namespace.
    local own; own="$(readlink /proc/self/ns/net)"
    for _ in $(seq 100); do
      [ -e "/proc/$upid/ns/net" ] && [ "$(readlink "/proc/$upid/ns/net")" != "$own" ] && break
      sleep 0.1
    done
    if [ -e "/proc/$upid/ns/net" ] && [ "$(readlink "/proc/$upid/ns/net")" != "$own" ]; then
      slirp4netns --configure --mtu=65520 --disable-host-loopback "$upid" tap0 >"$CACHE/logs/slirp4netns-$STAMP.log" 2>&1 &
      spid=$!
    else
      echo "fresh-check: the network namespace of the run did not appear; stopping it" >&2
      kill -KILL $(cat "/proc/$upid/task/$upid/children" 2>/dev/null) 2>/dev/null
    fi
  fi
  wait "$upid"; rc=$?
  [ -n "$spid" ] && { kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null; }
  trap - INT TERM
  return "$rc"
}
set +e
if [ -n "$LOCK" ]; then
  say "waiting for $LOCK (tests that bind fixed loopback ports run one at a time)"
  ( flock 9; say "lock held; .ci/run starts $(date -u +%H:%M:%SZ)"; run ) 9>>"$LOCK" 2>&1 </dev/null | tee "$LOG"
else
  run 2>&1 </dev/null | tee "$LOG"
fi
rc=${PIPESTATUS[0]}
set -e
secs=$(( $(date +%s) - start ))

# 4. Report.
echo
echo "================ fresh Debian 12 check: $REF ($COMMIT) ================"
echo "duration: $((secs / 60))m$((secs % 60))s; .ci/run exit status: $rc$([ "$rc" = 124 ] && echo " (timed out after ${TIMEOUT_MIN}m)")"
# vitest colours its output: the report reads a copy without terminal escapes.
PLAIN="${LOG%.log}.plain.log"
sed -E 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$LOG" >"$PLAIN"
installed=$(grep -m1 '^ci: installing ' "$PLAIN" || true)
[ -n "$installed" ] && echo "$installed"
grep -E '^ *(Test Files|Tests|Duration) ' "$PLAIN" || echo "(no vitest summary: the run ended before or during the test suite)"
missing=$(grep -E 'missing — install|command not found|not found$|E: Unable to locate package|E: Package .* has no installation candidate' "$PLAIN" | sort -u || true)
if [ -n "$missing" ]; then echo "missing pieces:"; echo "$missing" | sed 's/^/  /'; fi
failed=$(grep -E '^ *(FAIL|×) ' "$PLAIN" | sed -E 's/ [0-9]+ms$//' | sort -u || true)
if [ -n "$failed" ]; then echo "failed:"; echo "$failed" | sed 's/^/  /' | head -80; fi
if [ "$rc" = 0 ]; then echo "RESULT: PASS"; else echo "RESULT: FAIL (log: $LOG)"; fi

if [ "$KEEP" = 1 ] || { [ -z "$KEEP" ] && [ "$rc" != 0 ]; }; then
  echo "run root kept for inspection: $ROOT (chroot $ROOT; the next run removes it)"
else
  rm -rf "$ROOT"
fi
exit "$rc"
