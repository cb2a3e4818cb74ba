// @ts-nocheck
// Preflight of the external tools the suite drives. Each row names the capability a test
// relies on and the Debian package that provides it, so a machine that lacks one fails with one
// clear line per missing piece instead of a handful of confusing test failures.
import { spawnSync } from 'node:child_process';

export interface ToolCheck {
  /** What the tests need, in words. */
  need: string;
  /** Debian package(s) that provide it (what `.ci/run` installs). */
  pkg: string;
  /** argv run to probe; passes when `ok` accepts its result. */
  argv: readonly string[];
  ok?: (r: { status: number | null; out: string }) => boolean;
}

const exits0 = (r: { status: number | null }) => r.status === 0;

export const TOOL_CHECKS: readonly ToolCheck[] = [
  { need: 'sshd for the SSH transport tests', pkg: 'openssh-server', argv: ['/usr/sbin/sshd', '-V'], ok: (r) => /OpenSSH/.test(r.out) },
  { need: 'ssh-keygen for test keys', pkg: 'openssh-client', argv: ['ssh-keygen', '-?'], ok: (r) => /usage: ssh-keygen/.test(r.out) },
  { need: 'ssh-keyscan, ssh-agent and ssh-add for the host trust tests', pkg: 'openssh-client', argv: ['sh', '-c', 'command -v ssh-keyscan && command -v ssh-agent && command -v ssh-add'] },
  { need: 'postfix for the mail policy on a real MTA', pkg: 'postfix', argv: ['/usr/sbin/postconf', '-d', 'mail_version'], ok: (r) => /mail_version = \d/.test(r.out) },
  { need: 'Dovecot 2.4 (IMAP, LMTP) in the Debian 13 root .ci/trixie-dovecot.sh builds', pkg: 'debootstrap', argv: ['sh', '-c', 'chroot "${NETSETUP_TRIXIE_ROOT:-/var/cache/netsetup-trixie}" sh -c "dovecot --version && test -x /usr/lib/dovecot/imap && test -x /usr/lib/dovecot/lmtp"'], ok: (r) => r.status === 0 && /^2\.4\./.test(r.out) },
  { need: 'the PLAIN SASL mechanism for postfix\'s AUTH to the relay', pkg: 'libsasl2-modules', argv: ['sh', '-c', 'ls /usr/lib/*/sasl2/libplain.so*'] },
  { need: 'opendkim and opendkim-genkey for the DKIM unit', pkg: 'opendkim opendkim-tools', argv: ['sh', '-c', 'test -x /usr/sbin/opendkim && command -v opendkim-genkey'] },
  { need: 'dkimpy to verify DKIM signatures', pkg: 'python3-dkim', argv: ['/usr/bin/python3', '-c', 'import dkim'] },
  { need: 'fail2ban-regex for the jail filters', pkg: 'fail2ban', argv: ['fail2ban-regex', '--version'], ok: exits0 },
  { need: 'setpriv for the units\' User/Group', pkg: 'util-linux', argv: ['setpriv', '--version'], ok: exits0 },
  { need: 'swaks with STARTTLS (Net::SSLeay)', pkg: 'swaks libnet-ssleay-perl libio-socket-ssl-perl', argv: ['swaks', '--support'], ok: (r) => /^=== TLS supported/m.test(r.out) },
  { need: 'swaks with SMTP AUTH', pkg: 'swaks', argv: ['swaks', '--support'], ok: (r) => /^=== Basic AUTH supported/m.test(r.out) },
  { need: 'openssl for test certificates and TLS probes', pkg: 'openssl', argv: ['openssl', 'version'], ok: exits0 },
  { need: 'named-checkzone for zone output', pkg: 'bind9-utils', argv: ['named-checkzone', '-v'], ok: exits0 },
  { need: 'dig for resolver checks', pkg: 'bind9-dnsutils', argv: ['dig', '-v'], ok: exits0 },
  { need: 'nix-instantiate for the Nix code', pkg: 'nix-bin', argv: ['nix-instantiate', '--version'], ok: exits0 },
  { need: 'lego for the DNS provider catalog', pkg: 'lego', argv: ['lego', '--version'], ok: exits0 },
  { need: 'tmux for the built CLI in a terminal', pkg: 'tmux', argv: ['tmux', '-V'], ok: exits0 },
  { need: 'chromium for the printed handover', pkg: 'chromium', argv: ['chromium', '--version'], ok: exits0 },
  { need: 'pdfinfo/pdftotext/pdftoppm for PDF checks', pkg: 'poppler-utils', argv: ['sh', '-c', 'command -v pdfinfo && command -v pdftotext && command -v pdftoppm'] },
  { need: 'Roundcube (Debian\'s roundcube with its SQLite driver) for the webmail test', pkg: 'roundcube roundcube-core roundcube-sqlite3 php-sqlite3', argv: ['sh', '-c', 'test -f /var/lib/roundcube/public_html/index.php && test -f /usr/share/roundcube/SQL/sqlite.initial.sql && /usr/sbin/php-fpm8.2 -m | grep -qx pdo_sqlite'] },
  { need: 'nginx and php-fpm for the webmail test', pkg: 'nginx php-fpm', argv: ['sh', '-c', 'nginx -v && /usr/sbin/php-fpm8.2 -v'] },
  { need: 'unshare for the mail stack namespace', pkg: 'util-linux', argv: ['unshare', '--version'], ok: exits0 },
  { need: 'unbound (and unbound-control) for the split horizon and the public zone in test/dns, test/certs', pkg: 'unbound', argv: ['sh', '-c', 'command -v unbound && command -v unbound-control'] },
  { need: 'pebble, the test ACME server, for test/certs', pkg: 'pebble', argv: ['sh', '-c', 'command -v pebble'] },
  { need: 'curl for pebble\'s roots in test/certs', pkg: 'curl', argv: ['curl', '--version'], ok: exits0 },
];

/** Run every check; return one line per missing capability. */
export function missingTools(checks: readonly ToolCheck[] = TOOL_CHECKS): string[] {
  const missing: string[] = [];
  for (const c of checks) {
    const r = spawnSync(c.argv[0]!, c.argv.slice(1), { encoding: 'utf8', timeout: 20_000 });
    const res = { status: r.error ? null : r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
    if (!(c.ok ?? exits0)(res)) missing.push(`${c.need}: missing — install the Debian package(s) ${c.pkg} (see .ci/run)`);
  }
  return missing;
}
