#!/usr/bin/env bash
# Debian 13 (trixie) root with Dovecot 2.4 for test/mta: the mail VM's dovecot configuration
# is written for Dovecot 2.4 (the NixOS module's supported path since 26.05) and Debian 12 only
# ships 2.3. Built once with debootstrap from deb.debian.org and cached; a second run only
# checks the marker. The tests run dovecot from this root with chroot on loopback.
set -euo pipefail
ROOT="${NETSETUP_TRIXIE_ROOT:-/var/cache/netsetup-trixie}"
PKGS="dovecot-core,dovecot-imapd,dovecot-lmtpd,openssl,ca-certificates"
MARK="$ROOT/.netsetup-complete"
exec 9>"/tmp/netsetup-trixie.lock"
flock 9
if [ -f "$MARK" ] && [ "$(cat "$MARK")" = "$PKGS" ] && chroot "$ROOT" dovecot --version >/dev/null 2>&1; then
  echo "trixie root: cached at $ROOT ($(chroot "$ROOT" dovecot --version))"
  exit 0
fi
tmp="$ROOT.tmp"
rm -rf "$tmp"
debootstrap --variant=minbase --include="$PKGS" trixie "$tmp" http://deb.debian.org/debian >/tmp/netsetup-trixie.log 2>&1 \
  || { tail -40 /tmp/netsetup-trixie.log; exit 1; }
# Packages' own service starts are not wanted in the root; dovecot is started by the tests.
rm -rf "$ROOT"
mv "$tmp" "$ROOT"
echo "$PKGS" >"$MARK"
echo "trixie root: built at $ROOT ($(chroot "$ROOT" dovecot --version))"
