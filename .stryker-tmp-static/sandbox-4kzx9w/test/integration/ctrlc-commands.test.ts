// @ts-nocheck
// Ctrl-C on the read-only command paths, driven from outside (the built CLI as a child process,
// SIGINT sent to it): `checks` while probes hang on silent local servers, and `handover` while
// the DNS verification waits on a resolver that never answers. Both end at once with exit 130
// and say that nothing was changed; nothing keeps running to the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { freshSimDir } from '../helpers/sim.js';
import { standaloneAnswers, writeAnswers } from '../helpers/answers.js';
import { startHttpEcho, startSilentServer, type LocalHttp, type LocalTcp } from '../helpers/localServers.js';

let silentSmtp: LocalTcp;
let hangingEcho: LocalHttp;
let deafDns: UdpSocket;
let deafDnsPort = 0;
beforeAll(async () => {
  silentSmtp = await startSilentServer();
  hangingEcho = await startHttpEcho({ handler: () => undefined });
  deafDns = createSocket('udp4');
  await new Promise<void>((resolve) => deafDns.bind(0, '127.0.0.1', resolve));
  deafDnsPort = deafDns.address().port;
});
afterAll(async () => {
  await Promise.all([silentSmtp.close(), hangingEcho.close(), new Promise<void>((r) => deafDns.close(() => r()))]);
});

/** Start the CLI, send SIGINT once `ready` shows on stderr, return exit code, stderr and the time from SIGINT to exit. */
async function interruptWhen(args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  delete full.CI;
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let sentAt = 0;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!sentAt && ready.test(stderr)) {
      sentAt = Date.now();
      child.kill('SIGINT');
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, stderr, afterSigintMs: Date.now() - sentAt, sent: sentAt > 0 };
}

describe('Ctrl-C on read-only commands', () => {
  it('checks: stops the hanging probes, exit 130, nothing changed', { timeout: 60_000 }, async () => {
    const r = await interruptWhen(['checks'], { NETSETUP_MX_HOSTS: silentSmtp.target, NETSETUP_IP_ECHO_URLS: hangingEcho.url, NETSETUP_PORT25_TIMEOUT_MS: '30000', NETSETUP_IP_ECHO_TIMEOUT_MS: '30000', NETSETUP_RESOLVER: `127.0.0.1:${deafDnsPort}` }, /checking outbound port 25/);
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/checks interrupted by Ctrl-C; nothing was changed/);
    // Well before the 30 s the probes would have waited
    expect(r.afterSigintMs).toBeLessThan(10_000);
  });

  it('handover: stops while the records are being verified, exit 130', { timeout: 60_000 }, async () => {
    const dir = freshSimDir();
    const work = mkdtempSync(join(tmpdir(), 'netsetup-ho-int-'));
    const inst = await runCli(['install', '--answers', writeAnswers(standaloneAnswers()), '--yes', '--host', `sim:${dir}`, '--log', join(work, 'i.log')], { env: { NETSETUP_SIM_SPEED: '20000' } });
    expect(inst.code, inst.stderr).toBe(0);
    const r = await interruptWhen(['handover', '--host', `sim:${dir}`], { NETSETUP_VERIFY_RESOLVERS: `127.0.0.1:${deafDnsPort}`, NETSETUP_DNS_TIMEOUT_MS: '30000', NETSETUP_SIM_SPEED: '20000' }, /verifying the DNS records/);
    expect(r.sent, r.stderr).toBe(true);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted \(no change was under way\)/);
    expect(r.afterSigintMs).toBeLessThan(10_000);
  });
});
