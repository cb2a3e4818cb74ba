// @ts-nocheck
// The push after issuance/renewal, as the DNS VM runs it: the postRun script NixOS evaluates
// for security.acme (eval kit), run with its ssh swapped for Debian's (the only substitution),
// against a real sshd standing for the mail VM (192.168.1.61) and PMG (192.168.1.60) inside a
// private network + mount namespace whose /var/lib/netsetup, /var/lib/acme, /etc/pmg, /root/.ssh
// and /etc/group are this test's temp folders. Then servers started from the pushed files serve
// exactly the issued certificate (fingerprints compared), with the modes and groups the
// services need (nginx reads the key as group nginx; pmg-api.pem 0640 root:www-data and
// pmg-tls.pem 0600 as pmg-api's PMG::CertHelpers::set_cert_file writes them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivePlan } from '../../src/plan/derive.js';
import { answersSchema } from '../../src/schema/answers.js';
import { dnsSiteJson } from '../../src/render/siteConfig.js';
import { evalKitMissing, evalWithSite } from '../helpers/evalKit.js';
import { makeNetns, netnsMissing, type Netns } from '../helpers/netns.js';
import { makeCa, makeLeaf } from '../helpers/tlsCerts.js';
import { smarthostAnswers } from '../helpers/answers.js';

const missing = ['sshd', 'ssh', 'openssl'].find((t) => spawnSync('sh', ['-c', `command -v ${t} || test -x /usr/sbin/${t}`]).status !== 0);
const skipWhy = evalKitMissing() ?? netnsMissing() ?? (missing ? `${missing} is not installed` : undefined);
const NAMES = ['mail.example.com', 'mx.example.com', 'pmg.example.com', 'mta-sts.example.com', 'autoconfig.example.com'];
const NGINX_GID = 64_991;

describe.skipIf(skipWhy)(`certificate push to the mail VM and PMG${skipWhy ? ` (skipped: ${skipWhy})` : ''}`, () => {
  const root = mkdtempSync(join(tmpdir(), 'netsetup-push-'));
  const d = (p: string) => {
    const full = join(root, p);
    mkdirSync(full, { recursive: true });
    return full;
  };
  const varNetsetup = d('var-lib-netsetup');
  const acme = d('var-lib-acme/mail.example.com');
  const pmg = d('etc-pmg');
  const sshHome = d('root-ssh');
  const shims = d('shims');
  const calls = join(root, 'calls.log');
  let ns: Netns;
  let sshd: ChildProcess;
  let sshdLog = '';
  const issued = makeLeaf(NAMES, 90, makeCa('Sentinel Push CA'));

  beforeAll(async () => {
    // The DNS VM's side: the push key and lego's output for the certificate
    d('var-lib-netsetup/secrets');
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(varNetsetup, 'secrets/push_ed25519')]);
    writeFileSync(join(acme, 'key.pem'), issued.key, { mode: 0o600 });
    writeFileSync(join(acme, 'fullchain.pem'), issued.cert);
    // The guests' side: root accepts the push key; the service commands are recorded
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'host_key')]);
    writeFileSync(join(root, 'authorized_keys'), readFileSync(join(varNetsetup, 'secrets/push_ed25519.pub')));
    for (const cmd of ['systemctl', 'pmgsh', 'pmgconfig']) {
      writeFileSync(join(shims, cmd), `#!/bin/sh\necho "${cmd} $*" >> ${calls}\n`);
      chmodSync(join(shims, cmd), 0o755);
    }
    writeFileSync(join(root, 'group'), `${readFileSync('/etc/group', 'utf8')}nginx:x:${NGINX_GID}:\n`);
    writeFileSync(
      join(root, 'sshd_config'),
      [
        'Port 22', 'ListenAddress 192.168.1.61', 'ListenAddress 192.168.1.60', `HostKey ${join(root, 'host_key')}`,
        `AuthorizedKeysFile ${join(root, 'authorized_keys')}`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no',
        'KbdInteractiveAuthentication no', 'UsePAM no', 'StrictModes no', 'PidFile none', `SetEnv PATH=${shims}:/usr/sbin:/usr/bin:/sbin:/bin`,
      ].join('\n') + '\n',
    );
    ns = await makeNetns({
      addresses: ['192.168.1.60', '192.168.1.61'],
      nameserver: '127.0.0.1',
      binds: [
        { src: varNetsetup, dst: '/var/lib/netsetup' },
        { src: join(root, 'var-lib-acme'), dst: '/var/lib/acme' },
        { src: pmg, dst: '/etc/pmg' },
        { src: sshHome, dst: '/root/.ssh' },
        { src: join(root, 'group'), dst: '/etc/group' },
      ],
    });
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    sshd = ns.spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(root, 'sshd_config')]);
    sshd.stderr!.on('data', (x) => (sshdLog += x));
    const deadline = Date.now() + 10_000;
    while (!/Server listening on 192\.168\.1\.60/.test(sshdLog) || !/Server listening on 192\.168\.1\.61/.test(sshdLog)) {
      if (sshd.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start: ${sshdLog}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    sshd?.kill('SIGTERM');
    await ns?.close();
  });

  it('pushes key and chain with the right modes, reloads the services, and the pushed files serve the issued certificate', async () => {
    // Given the push script NixOS makes for the DNS VM (postRun of the site certificate)
    const plan = derivePlan(answersSchema.parse(smarthostAnswers()));
    const path = evalWithSite({ modules: ['hosts/dns.nix'], site: dnsSiteJson(plan), readWrite: true, expr: 'config.security.acme.certs."mail.example.com".postRun' }) as string;
    const script = readFileSync(path, 'utf8');
    const sshPath = /\/nix\/store\/[^/ ]+-openssh\/bin\/ssh/.exec(script)?.[0];
    expect(sshPath).toBeDefined();
    const local = join(root, 'push.sh');
    writeFileSync(local, script.split(sshPath!).join('ssh'));
    // When it runs on the "DNS VM"
    const r = await ns.run('sh', [local], { env: { PATH: '/usr/bin:/bin' } });
    expect(r.status, `${r.stdout}\n${r.stderr}\n${sshdLog}`).toBe(0);
    // Then the mail VM has the key readable by nginx's group only, the chain world-readable
    const key = statSync(join(varNetsetup, 'tls/key.pem'));
    expect([key.mode & 0o777, key.uid, key.gid]).toEqual([0o640, 0, NGINX_GID]);
    expect(statSync(join(varNetsetup, 'tls/fullchain.pem')).mode & 0o777).toBe(0o644);
    // And PMG has pmg-tls.pem 0600 root and pmg-api.pem 0640 root:www-data, key first
    const tlsPem = statSync(join(pmg, 'pmg-tls.pem'));
    const apiPem = statSync(join(pmg, 'pmg-api.pem'));
    expect([tlsPem.mode & 0o777, tlsPem.gid]).toEqual([0o600, 0]);
    expect([apiPem.mode & 0o777, apiPem.gid]).toEqual([0o640, 33]);
    expect(readFileSync(join(pmg, 'pmg-api.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----[\s\S]+-----BEGIN CERTIFICATE-----/);
    // And the services were told, in the order the script gives
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      'systemctl try-reload-or-restart postfix dovecot nginx',
      'pmgsh set /config/mail --tls 1',
      'pmgconfig sync --restart 1',
      'systemctl reload-or-restart pmgproxy postfix',
    ]);
    // And a TLS server on each pushed file pair serves exactly the issued certificate
    const want = new X509Certificate(issued.cert).fingerprint256;
    for (const [certFile, keyFile] of [[join(varNetsetup, 'tls/fullchain.pem'), join(varNetsetup, 'tls/key.pem')], [join(pmg, 'pmg-api.pem'), join(pmg, 'pmg-api.pem')], [join(pmg, 'pmg-tls.pem'), join(pmg, 'pmg-tls.pem')]] as const) {
      expect(await servedFingerprint(ns, certFile, keyFile)).toBe(want);
    }
  }, 60_000);
});

/** openssl s_server on the files (as postfix/nginx/pmgproxy load them) inside the namespace, one handshake by s_client. */
async function servedFingerprint(ns: Netns, certFile: string, keyFile: string): Promise<string> {
  const srv = ns.spawn('openssl', ['s_server', '-accept', '127.0.0.1:4433', '-cert', certFile, '-key', keyFile, '-naccept', '1', '-quiet']);
  let err = '';
  srv.stderr!.on('data', (x) => (err += x));
  try {
    for (let i = 0; i < 50; i++) {
      const r = await ns.run('sh', ['-c', 'openssl s_client -connect 127.0.0.1:4433 -servername mail.example.com </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256']);
      const fp = /Fingerprint=([0-9A-F:]+)/.exec(r.stdout)?.[1];
      if (fp) return fp;
      if (srv.exitCode !== null) throw new Error(`openssl s_server: ${err}`);
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`no TLS answer from openssl s_server: ${err}`);
  } finally {
    srv.kill('SIGTERM');
  }
}
