// @ts-nocheck
// A private instance of Debian's postfix on 127.0.0.1 with a port from the OS, shaped like PMG's
// port 25 as far as the TLS probe sees it (facts from proxmox/pmg-api, see
// /work/shared/reference/proxmox-facts.md "TLS"; PMG's master.cf puts postscreen on the
// external port): postscreen in front of smtpd, and with TLS on, the certificate chain and key
// in ONE file given as smtpd_tls_cert_file (PMG's /etc/pmg/pmg-tls.pem) with security level
// "may" (STARTTLS offered, not required). Needs root (postfix's master runs as root).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostfixInstance {
  target: string;
  port: number;
  log(): string;
  stop(): void;
}

/** Why no private postfix can run here, or undefined. */
export function postfixMissing(): string | undefined {
  if (process.getuid?.() !== 0) return 'a private postfix instance needs root (CI runs as root)';
  if (spawnSync('postconf', ['-d', 'mail_version'], { stdio: 'ignore' }).status !== 0) return "Debian's postfix is not installed (.ci/run installs it)";
  return undefined;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

export async function startPostfix(opts: { hostname: string; tls?: { cert: string; key: string } }): Promise<PostfixInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-postfix-'));
  chmodSync(dir, 0o755); // postfix's daemons (user postfix) walk into the queue below
  const conf = join(dir, 'conf');
  mkdirSync(conf);
  const data = join(dir, 'data');
  mkdirSync(data);
  chownSync(data, Number(execFileSync('id', ['-u', 'postfix'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postfix'], { encoding: 'utf8' })));
  mkdirSync(join(dir, 'queue'));
  const port = await freePort();
  const tlsFile = join(dir, 'pmg-tls.pem');
  if (opts.tls) writeFileSync(tlsFile, `${opts.tls.key.trim()}\n${opts.tls.cert.trim()}\n`, { mode: 0o600 });
  writeFileSync(
    join(conf, 'main.cf'),
    [
      'compatibility_level = 3.6',
      `queue_directory = ${join(dir, 'queue')}`,
      `data_directory = ${data}`,
      `myhostname = ${opts.hostname}`,
      'mydestination =',
      'alias_maps =',
      'alias_database =',
      'inet_protocols = ipv4',
      `maillog_file = ${join(dir, 'postfix.log')}`,
      `maillog_file_prefixes = ${dir}`,
      'smtpd_banner = $myhostname ESMTP',
      // postscreen's pregreet test: "220-" first, the full 220 after the wait (a real multiline
      // greeting); no access list, so 127.0.0.1 is not waved through as mynetworks
      'postscreen_access_list =',
      'postscreen_greet_action = enforce',
      'postscreen_greet_wait = 1s',
      ...(opts.tls ? [`smtpd_tls_cert_file = ${tlsFile}`, 'smtpd_tls_key_file = $smtpd_tls_cert_file', 'smtpd_tls_security_level = may'] : ['smtpd_tls_security_level = none']),
      '',
    ].join('\n'),
  );
  const svc = (name: string, type: string, priv: string, wakeup: string, limit: string, command: string) => `${name} ${type} ${priv} - n ${wakeup} ${limit} ${command}`;
  writeFileSync(
    join(conf, 'master.cf'),
    [
      svc(`127.0.0.1:${port}`, 'inet', 'n', '-', '1', 'postscreen'),
      svc('smtpd', 'pass', '-', '-', '-', 'smtpd'),
      svc('tlsproxy', 'unix', '-', '-', '0', 'tlsproxy'),
      svc('tlsmgr', 'unix', '-', '1000?', '1', 'tlsmgr'),
      svc('dnsblog', 'unix', '-', '-', '0', 'dnsblog'),
      svc('cleanup', 'unix', 'n', '-', '0', 'cleanup'),
      svc('qmgr', 'unix', 'n', '300', '1', 'qmgr'),
      svc('rewrite', 'unix', '-', '-', '-', 'trivial-rewrite'),
      svc('bounce', 'unix', '-', '-', '0', 'bounce'),
      svc('defer', 'unix', '-', '-', '0', 'bounce'),
      svc('trace', 'unix', '-', '-', '0', 'bounce'),
      svc('verify', 'unix', '-', '-', '1', 'verify'),
      svc('flush', 'unix', 'n', '1000?', '0', 'flush'),
      svc('proxymap', 'unix', '-', '-', '-', 'proxymap'),
      svc('anvil', 'unix', '-', '-', '1', 'anvil'),
      svc('scache', 'unix', '-', '-', '1', 'scache'),
      svc('showq', 'unix', 'n', '-', '-', 'showq'),
      'postlog unix-dgram n - n - 1 postlogd',
      '',
    ].join('\n'),
  );
  const log = () => (existsSync(join(dir, 'postfix.log')) ? readFileSync(join(dir, 'postfix.log'), 'utf8') : '');
  const stop = () => {
    spawnSync('postfix', ['-c', conf, 'stop'], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('postfix', ['-c', conf, 'start'], { stdio: 'pipe' });
  } catch (e) {
    const detail = `${(e as { stderr?: Buffer }).stderr ?? ''}\n${log()}`;
    stop();
    throw new Error(`the private postfix did not start: ${detail}`);
  }
  // ready when postscreen accepts connections
  const end = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > end) {
      const l = log();
      stop();
      throw new Error(`the private postfix does not listen on 127.0.0.1:${port}: ${l}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { target: `127.0.0.1:${port}`, port, log, stop };
}
