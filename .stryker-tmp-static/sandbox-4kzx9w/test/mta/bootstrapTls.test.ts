// @ts-nocheck
// The mail VM's bootstrap certificate as NixOS evaluates it (nix/modules/services/mail-tls.nix
// through the eval kit): the renewal unit's script, run for real in a temp folder standing for
// the mail VM's /var/lib/netsetup, decides whether to re-generate the certificate. openssl x509
// is the oracle for what is on disk afterwards (fingerprints, end dates, names, issuer).
//
// The only changes to the evaluated script: the paths (/var/lib/netsetup → the temp folder, the
// system CA bundle → a test bundle), the web server's group (nginx on NixOS → Debian's www-data)
// and `systemctl` found first on PATH as a recorder (no systemd here): it logs what the unit
// would reload. No fixed ports: no lock needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateAttr, evaluateHost, renderSite, SITES } from './helpers/nixEval.js';
import { makeCa } from './helpers/evaluatedStack.js';
import { judgeCertificate } from '../../src/verify/tls.js';

const rendered = renderSite(SITES.standalone);
const site = rendered.site.mail as { fqdn: string; domain: string; paths: { tlsCert: string; tlsKey: string } };
const DAY = 86_400;
/** The names the bootstrap certificate must cover: the mail VM's HTTPS names (issue 13). */
const NAMES = [site.fqdn, `mta-sts.${site.domain}`, `autoconfig.${site.domain}`];

let tmp: string;
let script: string;
let units: { boot: any; renew: any; timer: any; path: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
let bundle: string;
let ca: ReturnType<typeof makeCa>;
let wwwGid: number;

const openssl = (...args: string[]) => {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
};

/** A fresh /var/lib/netsetup for one case. */
function vmRoot(name: string) {
  const root = join(tmp, name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  const vm = (p: string) => p.replace('/var/lib/netsetup', join(root, 'var/lib/netsetup'));
  const calls = join(root, 'systemctl.calls');
  writeFileSync(join(root, 'bin/systemctl'), `#!/bin/sh\necho "$*" >> ${calls}\n`);
  chmodSync(join(root, 'bin/systemctl'), 0o755);
  const cert = vm(site.paths.tlsCert);
  const key = vm(site.paths.tlsKey);
  const trust = join(root, 'var/lib/netsetup/tls/webmail-trust.pem');
  return {
    cert,
    key,
    trust,
    /** Make `openssl req` fail (a shim first on PATH; every other openssl command is the real one). */
    breakReq() {
      writeFileSync(join(root, 'bin/openssl'), '#!/bin/sh\n[ "$1" = req ] && { echo "req: sentinel failure" >&2; exit 1; }\nexec /usr/bin/openssl "$@"\n');
      chmodSync(join(root, 'bin/openssl'), 0o755);
    },
    /** Run the evaluated renewal unit's script (bash -e, as NixOS runs `script`, with the unit's UMask). */
    run() {
      const text = script
        .split('/etc/ssl/certs/ca-certificates.crt').join(bundle)
        .split('/var/lib/netsetup').join(join(root, 'var/lib/netsetup'))
        .replace(/chgrp nginx /g, 'chgrp www-data ');
      const r = spawnSync('bash', ['-e', '-c', `umask ${units.renew.serviceConfig.UMask}\n${text}`], { encoding: 'utf8', env: { PATH: `${join(root, 'bin')}:/usr/bin:/bin` } });
      if (r.status !== 0) throw new Error(`the renewal script failed (${r.status}): ${r.stderr}\n${r.stdout}`);
      return { out: r.stdout, reloads: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [] };
    },
    fingerprint: () => openssl('x509', '-in', cert, '-noout', '-fingerprint', '-sha256').out,
    /** openssl: still valid in `days` days? */
    validIn: (days: number) => openssl('x509', '-in', cert, '-noout', '-checkend', String(days * DAY)).code === 0,
    put(pem: { cert: string; key: string }) {
      mkdirSync(join(root, 'var/lib/netsetup/tls'), { recursive: true });
      writeFileSync(cert, pem.cert, { mode: 0o644 });
      writeFileSync(key, pem.key, { mode: 0o600 });
    },
  };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'netsetup-bootstrap-tls-'));
  const dump = evaluateHost('mail', site).dump;
  units = {
    boot: dump.systemd.services['netsetup-bootstrap-tls'],
    renew: dump.systemd.services['netsetup-bootstrap-tls-renew'],
    timer: dump.systemd.timers['netsetup-bootstrap-tls-renew'],
    path: (evaluateAttr('mail', site, 'config.systemd.paths') as Record<string, unknown>)['netsetup-bootstrap-tls-renew'],
  };
  script = units.renew.script;
  ca = makeCa(tmp);
  // the "public roots" of this test: a CA of its own (stands in for the system bundle)
  bundle = join(tmp, 'system-bundle.crt');
  writeFileSync(bundle, ca.caPem);
  wwwGid = Number(spawnSync('id', ['-g', 'www-data'], { encoding: 'utf8' }).stdout.trim());
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the evaluated units', () => {
  it('boot unit before the services that read the certificate; renewal daily and on every change of the certificate file', () => {
    expect(units.boot.requiredBy).toEqual(expect.arrayContaining(['postfix.service', 'dovecot.service', 'nginx.service']));
    expect(units.boot.before).toEqual(expect.arrayContaining(['postfix.service', 'dovecot.service', 'nginx.service']));
    expect(units.timer.wantedBy).toContain('timers.target');
    expect(units.timer.timerConfig).toMatchObject({ OnCalendar: 'daily', Persistent: true });
    expect(units.path).toMatchObject({ wantedBy: ['paths.target'], pathConfig: { PathChanged: site.paths.tlsCert } });
    // the boot unit runs the same decision (the renewal adds only the reload)
    expect(script.startsWith(units.boot.script)).toBe(true);
    // nothing of the certificate or key is in the Nix store: the script only names runtime paths
    expect(script).not.toMatch(/BEGIN (CERTIFICATE|PRIVATE KEY)/);
  });
});

describe('renewal of the bootstrap certificate, run for real', () => {
  it('no certificate yet: makes a self-signed one for the mail VM\'s names, 0640 key, trust file = public roots + it, and reloads', () => {
    const vm = vmRoot('fresh');
    const r = vm.run();
    // openssl: self-signed, every HTTPS name of the mail VM, about 30 days
    expect(openssl('verify', '-CAfile', vm.cert, vm.cert).code).toBe(0);
    for (const n of NAMES) expect(openssl('x509', '-in', vm.cert, '-noout', '-checkhost', n).out).toContain('does match');
    expect(vm.validIn(29)).toBe(true);
    expect(vm.validIn(31)).toBe(false);
    const key = statSync(vm.key);
    expect(key.mode & 0o777).toBe(0o640);
    expect(key.gid).toBe(wwwGid);
    expect(openssl('x509', '-in', vm.cert, '-noout', '-pubkey').out).toBe(openssl('pkey', '-in', vm.key, '-pubout').out);
    // Roundcube's trust file: the bundle and the bootstrap certificate; a TLS client with it
    // accepts the bootstrap certificate for mail.<domain> (name checked) and not for another name
    const trust = readFileSync(vm.trust, 'utf8');
    expect(trust.startsWith(ca.caPem)).toBe(true);
    expect(trust).toContain(readFileSync(vm.cert, 'utf8').trim());
    expect(statSync(vm.trust).mode & 0o777).toBe(0o644);
    expect(openssl('verify', '-CAfile', vm.trust, '-verify_hostname', site.fqdn, vm.cert).code).toBe(0);
    expect(openssl('verify', '-CAfile', vm.trust, '-verify_hostname', `other.${site.domain}`, vm.cert).code).not.toBe(0);
    expect(r.reloads).toEqual(['try-reload-or-restart postfix.service dovecot.service nginx.service']);
    // `checks --records` recognises what the unit made (same marker in Nix and TypeScript)
    const j = judgeCertificate(new X509Certificate(readFileSync(vm.cert)), NAMES, 'self-signed certificate', new Date());
    expect(j.verdict).toBe('bootstrap');
    expect(j.detail).toMatch(/^bootstrap certificate, real certificate not issued yet: /);
  });

  it('a bootstrap certificate with 30 days left: kept, no reload', () => {
    const vm = vmRoot('fresh-again');
    vm.run();
    const before = vm.fingerprint();
    const r = vm.run();
    expect(vm.fingerprint()).toBe(before);
    expect(r.reloads).toHaveLength(1); // only the first run's
  });

  it('a bootstrap certificate that expires in 2 days: re-generated (new key, 30 days again), services reloaded', () => {
    const vm = vmRoot('expiring');
    vm.run();
    // the unit's own certificate and key, re-signed to end in 2 days (subject and names kept)
    const short = join(tmp, 'expiring-short.pem');
    expect(openssl('x509', '-in', vm.cert, '-key', vm.key, '-days', '2', '-out', short).code).toBe(0);
    writeFileSync(vm.cert, readFileSync(short));
    expect(vm.validIn(3)).toBe(false);
    const oldFp = vm.fingerprint();
    const oldKey = readFileSync(vm.key, 'utf8');
    const r = vm.run();
    expect(vm.fingerprint()).not.toBe(oldFp);
    expect(readFileSync(vm.key, 'utf8')).not.toBe(oldKey);
    expect(vm.validIn(29)).toBe(true);
    expect(openssl('x509', '-in', vm.cert, '-noout', '-pubkey').out).toBe(openssl('pkey', '-in', vm.key, '-pubout').out);
    expect(r.reloads).toHaveLength(2);
    // the trust file follows: the new certificate, not the expiring one
    const trust = readFileSync(vm.trust, 'utf8');
    expect(trust).toContain(readFileSync(vm.cert, 'utf8').trim());
    expect(trust).not.toContain(readFileSync(short, 'utf8').trim());
  });

  it('a pushed certificate (another issuer) expiring tomorrow: never overwritten, no reload, trust file = public roots only', () => {
    const vm = vmRoot('pushed');
    vm.run(); // the bootstrap window first
    const pushed = ca.issue(site.fqdn); // makeCa: 2 days
    vm.put(pushed);
    expect(vm.validIn(3)).toBe(false);
    const r = vm.run();
    expect(readFileSync(vm.cert, 'utf8')).toBe(pushed.cert);
    expect(readFileSync(vm.key, 'utf8')).toBe(pushed.key);
    expect(r.reloads).toHaveLength(1); // only the bootstrap run's
    expect(readFileSync(vm.trust, 'utf8')).toBe(ca.caPem);
    expect(openssl('verify', '-CAfile', vm.trust, '-verify_hostname', site.fqdn, vm.cert).code).toBe(0);
  });

  it('a self-signed certificate that is not the bootstrap one (an admin\'s own): not overwritten', () => {
    const vm = vmRoot('own-self-signed');
    const own = ca.selfSigned(site.fqdn); // 2 days, no bootstrap marker
    vm.put(own);
    const r = vm.run();
    expect(readFileSync(vm.cert, 'utf8')).toBe(own.cert);
    expect(r.reloads).toEqual([]);
    expect(readFileSync(vm.trust, 'utf8')).toBe(ca.caPem);
  });

  it('a push half done (the key already replaced, the certificate still the expiring bootstrap one): left alone', () => {
    const vm = vmRoot('push-in-progress');
    vm.run();
    const short = join(tmp, 'half-short.pem');
    expect(openssl('x509', '-in', vm.cert, '-key', vm.key, '-days', '2', '-out', short).code).toBe(0);
    writeFileSync(vm.cert, readFileSync(short));
    const pushedKey = ca.issue(site.fqdn).key;
    writeFileSync(vm.key, pushedKey);
    const r = vm.run();
    expect(readFileSync(vm.key, 'utf8')).toBe(pushedKey);
    expect(readFileSync(vm.cert, 'utf8')).toBe(readFileSync(short, 'utf8'));
    expect(r.reloads).toHaveLength(1);
  });

  it('openssl failing: the unit fails saying why, and the certificate in place stays', () => {
    const vm = vmRoot('openssl-fails');
    vm.run();
    const short = join(tmp, 'fails-short.pem');
    expect(openssl('x509', '-in', vm.cert, '-key', vm.key, '-days', '2', '-out', short).code).toBe(0);
    writeFileSync(vm.cert, readFileSync(short));
    const key = readFileSync(vm.key, 'utf8');
    vm.breakReq();
    expect(() => vm.run()).toThrow(/openssl could not make the bootstrap certificate: .*req: sentinel failure/s);
    expect(readFileSync(vm.cert, 'utf8')).toBe(readFileSync(short, 'utf8'));
    expect(readFileSync(vm.key, 'utf8')).toBe(key);
  });
});
