// @ts-nocheck
// Debian's pebble (Let's Encrypt's test ACME server) with a TLS certificate made for it, and
// lego pointed at it: LEGO_CA_CERTIFICATES trusts that certificate only.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Pebble {
  directory: string;
  /** PEM of the CA that signed pebble's own HTTPS certificate (for LEGO_CA_CERTIFICATES). */
  tlsCaFile: string;
  /** https://IP:15000: the roots and intermediates that sign issued certificates. */
  management: string;
  log(): string;
  close(): Promise<void>;
}

/** A CA and a leaf for `ip` (pebble's listener), made with openssl. */
function makeTls(dir: string, ip: string): { ca: string; cert: string; key: string } {
  const ca = join(dir, 'ca.pem');
  const caKey = join(dir, 'ca.key');
  const key = join(dir, 'key.pem');
  const csr = join(dir, 'req.csr');
  const cert = join(dir, 'cert.pem');
  const ext = join(dir, 'ext.cnf');
  const q = { stdio: 'ignore' as const };
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=netsetup test pebble CA', '-keyout', caKey, '-out', ca], q);
  execFileSync('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=pebble', '-keyout', key, '-out', csr], q);
  writeFileSync(ext, `subjectAltName=IP:${ip},DNS:localhost\nextendedKeyUsage=serverAuth\n`);
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', caKey, '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', cert], q);
  return { ca, cert, key };
}

export async function startPebble(opts: { ip: string; dnsServer: string; httpPort: number; spawn: (cmd: string, args: string[], o?: { env?: NodeJS.ProcessEnv }) => ChildProcess }): Promise<Pebble> {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-pebble-'));
  const tls = makeTls(dir, opts.ip);
  const config = join(dir, 'pebble.json');
  writeFileSync(
    config,
    JSON.stringify({
      pebble: {
        listenAddress: `${opts.ip}:14000`,
        managementListenAddress: `${opts.ip}:15000`,
        certificate: tls.cert,
        privateKey: tls.key,
        httpPort: opts.httpPort,
        tlsPort: 5001,
        ocspResponderURL: '',
        externalAccountBindingRequired: false,
      },
    }),
  );
  // No artificial validation delay, no random nonce rejection: the test measures our side.
  const env = { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0' };
  const child = opts.spawn('pebble', ['-config', config, '-dnsserver', opts.dnsServer], { env });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  while (!/Listening on: .*14000/.test(out)) {
    if (child.exitCode !== null) throw new Error(`pebble exited ${child.exitCode}: ${out}`);
    if (Date.now() > deadline) throw new Error(`pebble did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    directory: `https://${opts.ip}:14000/dir`,
    tlsCaFile: tls.ca,
    management: `https://${opts.ip}:15000`,
    log: () => out,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
