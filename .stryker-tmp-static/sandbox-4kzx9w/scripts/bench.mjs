#!/usr/bin/env node
// @ts-nocheck
// Start-up and port-25 benchmark of the built CLI (run `npm run build` first; `npm run bench`
// does). Prints, in one run:
//   - the median start-up time of --version, --help and `records --format json`, each as a
//     ratio to a bare `node -e 0` (targets: --version <= 1.5x, records <= 2x);
//   - the wall time of the port-25 check when every probe times out, against silent listeners
//     on 127.0.0.1 (target <= 6 s). Nothing leaves the machine: every endpoint is local.
// Options: --runs N (default 15, minimum 15), --strict (exit 1 when a target is missed).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = `${ROOT}bin/netsetup-wizard.js`;
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = Math.max(15, runsArg >= 0 ? Number(argv[runsArg + 1]) || 15 : 15);
const STRICT = argv.includes('--strict');
const ENV = { ...process.env, NO_COLOR: '1' };
delete ENV.CI;

if (!existsSync(`${ROOT}dist/cli.js`)) {
  console.error('bench: dist/cli.js is missing; run `npm run build` first (or `npm run bench`).');
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median wall time of `node args...` over RUNS runs; the first failure is kept. */
function time(args) {
  const samples = [];
  let failure;
  spawnSync(process.execPath, args, { cwd: ROOT, env: ENV, stdio: 'ignore' }); // warm the file cache
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env: ENV, encoding: 'utf8' });
    samples.push(performance.now() - t0);
    if (r.status !== 0 && !failure) failure = `exit ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n')[0] ?? ''}`;
  }
  return { ms: median(samples), failure };
}

const results = [];
let missed = 0;
const fmtMs = (ms) => `${ms.toFixed(1).padStart(8)} ms`;
const verdict = (ok) => (ok ? 'OK' : (missed++, 'MISSED'));

console.log(`netsetup-wizard start-up, median of ${RUNS} runs each (Node ${process.version}, ${process.platform}/${process.arch})`);
const base = time(['-e', '0']);
console.log(`  ${'node -e 0'.padEnd(44)}${fmtMs(base.ms)}   1.00x`);
const cases = [
  { label: '--version', args: [BIN, '--version'], target: 1.5 },
  { label: '--help', args: [BIN, '--help'] },
  { label: 'records --answers examples/standalone.yaml --format json', short: 'records --format json', args: [BIN, 'records', '--answers', 'examples/standalone.yaml', '--format', 'json'], target: 2 },
];
for (const c of cases) {
  const r = time(c.args);
  const ratio = r.ms / base.ms;
  const label = (c.short ?? c.label).padEnd(44);
  if (r.failure) {
    console.log(`  ${label}${fmtMs(r.ms)}   ${ratio.toFixed(2)}x   FAILED (${r.failure}); time is of the failing run`);
    if (c.target) missed++;
  } else {
    console.log(`  ${label}${fmtMs(r.ms)}   ${ratio.toFixed(2)}x${c.target ? `   target <= ${c.target}x   ${verdict(ratio <= c.target)}` : ''}`);
  }
  results.push({ name: c.label, ms: r.ms, ratio, target: c.target, failure: r.failure });
}

// ---- port 25 with every probe silent ----
const sockets = new Set();
const listen = (server, host = '127.0.0.1') => new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));
const silent = [];
for (let i = 0; i < 3; i++) {
  const s = createServer((sock) => { sockets.add(sock); sock.on('error', () => {}); });
  silent.push({ server: s, port: await listen(s) });
}
const echo = createHttpServer((_req, res) => res.end('203.0.113.7\n'));
const echoPort = await listen(echo);
// A UDP port nobody answers on: the PTR lookup fails fast with ECONNREFUSED instead of leaving the machine.
const udp = createSocket('udp4');
await new Promise((resolve) => udp.bind(0, '127.0.0.1', resolve));
const deadDns = udp.address().port;
udp.close();

const checkEnv = {
  ...ENV,
  NETSETUP_MX_HOSTS: silent.map((s) => `127.0.0.1:${s.port}`).join(','),
  NETSETUP_IP_ECHO_URLS: `http://127.0.0.1:${echoPort}/`,
  NETSETUP_RESOLVER: `127.0.0.1:${deadDns}`,
};
delete checkEnv.NETSETUP_PORT25_TIMEOUT_MS; // measure the shipped default bound
const t0 = performance.now();
const child = spawn(process.execPath, [BIN, 'checks', '--json'], { cwd: ROOT, env: checkEnv, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
let err = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (err += d));
const code = await new Promise((resolve) => child.on('close', resolve));
const wall = performance.now() - t0;
for (const s of sockets) s.destroy();
for (const s of silent) s.server.close();
echo.close();

console.log('port-25 check, all 3 probes silent (listeners on 127.0.0.1 that never greet)');
let p25;
try {
  p25 = JSON.parse(out).port25;
} catch {
  p25 = undefined;
}
if (!p25) {
  console.log(`  FAILED: checks --json exited ${code}: ${(err || out).trim().split('\n').pop()}`);
  missed++;
} else {
  console.log(`  ${`port-25 check (status ${p25.status})`.padEnd(44)}${fmtMs(p25.ms)}   target <= 6000 ms   ${verdict(p25.status === 'blocked' && p25.ms <= 6000)}`);
  console.log(`  ${'whole `checks --json` run (start-up, PTR)'.padEnd(44)}${fmtMs(wall)}`);
}
results.push({ name: 'port25-blocked', ms: p25?.ms, wallMs: wall, status: p25?.status, target: 6000 });

if (argv.includes('--json')) console.log(JSON.stringify({ runs: RUNS, baseMs: base.ms, results }));
process.exitCode = STRICT && missed > 0 ? 1 : 0;
