// @ts-nocheck
// Certificates made with openssl for TLS tests: a CA, leaves it signs for chosen names and
// lifetimes, and self-signed ones. Files in a temp folder.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Pem { cert: string; key: string }

const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function makeCa(cn = 'netsetup test CA'): Pem & { dir: string; certFile: string; keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-tls-'));
  const certFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'ca.key');
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '3650', '-subj', `/CN=${cn}`, '-keyout', keyFile, '-out', certFile]);
  return { dir, certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

/** A leaf for `names`, valid `days` from now, signed by `ca` (or self-signed without one); subject /CN=<first name> unless given. */
export function makeLeaf(names: string[], days: number, ca?: ReturnType<typeof makeCa>, subject = `/CN=${names[0]}`): Pem {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const ext = join(dir, 'ext.cnf');
  writeFileSync(ext, `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\nextendedKeyUsage=serverAuth\n`);
  if (ca) {
    const csr = join(dir, 'req.csr');
    run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', subject, '-keyout', key, '-out', csr]);
    run(['x509', '-req', '-in', csr, '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial', '-days', String(days), '-extfile', ext, '-out', cert]);
  } else {
    run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', String(days), '-subj', subject, '-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`, '-keyout', key, '-out', cert]);
  }
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

/** An HTTPS server on 127.0.0.1 (port from the OS) serving `pem`, with optional routes. */
export async function serveHttps(pem: Pem, routes: Record<string, { type: string; body: string }> = {}): Promise<{ target: string; port: number; close(): Promise<void> }> {
  const server: Server = createServer({ cert: pem.cert, key: pem.key }, (req, res) => {
    const r = routes[req.url ?? ''];
    if (!r) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': r.type }).end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { target: `127.0.0.1:${port}`, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
