#!/usr/bin/env node
// @ts-nocheck
// Package benchmark: what a technician's `npx netsetup-wizard` costs. Packs the built dist/
// (run `npm run build` first; `npm run bench:package` does), installs the tarball with
// production dependencies only into a temporary directory, and prints side by side, for the
// machine's Node and for Node 18.20.4 (when scripts/fetch-node18.mjs has fetched it):
//   - tarball size; installed footprint (MB and package count)       target: 1 package, <= 2 MB
//   - median `--version` time as a ratio to a bare `node -e 0`          target: <= 1.5x
//   - median time to the interview's first frame in a pseudo-terminal   target: <= 3x bare node
//     (util-linux `script`), against bare node printing one line through the same pty
//   - peak memory (max RSS) of a full `install --yes --host sim:DIR`    target: <= 120 MB
// Nothing leaves the machine. Options: --runs N (default 11), --strict (exit 1 on a miss).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const RUNS = Math.max(5, runsAt >= 0 ? Number(argv[runsAt + 1]) || 11 : 11);
const STRICT = argv.includes('--strict');
const NODE18 = process.env.NETSETUP_NODE18 || join(ROOT, 'node_modules', '.cache', 'node-18.20.4', 'bin', 'node');
const MB = 1e6;

if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
  console.error('bench-package: dist/cli.js is missing; run `npm run build` first (or `npm run bench:package`).');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'netsetup-bench-pkg-'));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- pack and install ----
const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
const tarball = join(work, packed.filename);
const site = join(work, 'site');
mkdirSync(site);
writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'site', version: '1.0.0', private: true }));
execFileSync('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', tarball], { cwd: site, stdio: ['ignore', 'ignore', 'inherit'] });

function dirBytes(p) {
  const st = lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return readdirSync(p).reduce((n, e) => n + dirBytes(join(p, e)), 0);
}
function packages(nm, out = []) {
  if (!existsSync(nm)) return out;
  for (const e of readdirSync(nm, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const names = e.name.startsWith('@') ? readdirSync(join(nm, e.name)).map((n) => join(e.name, n)) : [e.name];
    for (const n of names) {
      out.push({ name: n, bytes: dirBytes(join(nm, n)) - (existsSync(join(nm, n, 'node_modules')) ? dirBytes(join(nm, n, 'node_modules')) : 0) });
      packages(join(nm, n, 'node_modules'), out);
    }
  }
  return out;
}
const nm = join(site, 'node_modules');
const pkgs = packages(nm);
const installedBytes = dirBytes(nm);
const pkgDir = join(nm, 'netsetup-wizard');
const bin = join(pkgDir, 'bin', 'netsetup-wizard.js');
const biggestFiles = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else biggestFiles.push({ name: p.slice(pkgDir.length + 1), bytes: lstatSync(p).size });
  }
})(pkgDir);

// ---- timings ----
const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, LANG: 'C.UTF-8', NO_COLOR: '1', NETSETUP_LOG_DIR: work };

/** Median wall times of bare `node -e 0` and of `node args`, runs interleaved so load swings hit both. */
function spawnTimes(node, args) {
  const once = (a) => {
    const t0 = performance.now();
    const r = spawnSync(node, a, { cwd: site, env: baseEnv, stdio: 'ignore' });
    return { ms: performance.now() - t0, status: r.status };
  };
  once(['-e', '0']);
  once(args); // warm the file cache
  const bare = [];
  const cmd = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(once(['-e', '0']).ms);
    const r = once(args);
    if (r.status !== 0) return { bare: { ms: median(bare) }, cmd: { failure: `exit ${r.status}` } };
    cmd.push(r.ms);
  }
  return { bare: { ms: median(bare) }, cmd: { ms: median(cmd) } };
}

const shq = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
/** Milliseconds from spawn until `marker` shows in the output of `cmd` run in a pty by `script`. */
function ptyUntil(cmd, marker, env) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { cwd: site, env, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    let out = '';
    let done = false;
    const finish = (v) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL'); // the process group this function started
      } catch {
        // already gone
      }
      resolve(v);
    };
    const timer = setTimeout(() => finish({ failure: `no "${marker}" within 20 s: ${JSON.stringify(out.slice(-200))}` }), 20_000);
    child.stdout.on('data', (d) => {
      out += d.toString();
      if (out.includes(marker)) finish({ ms: performance.now() - t0 });
    });
    child.on('close', () => finish({ failure: `ended before "${marker}": ${JSON.stringify(out.slice(-200))}` }));
  });
}
/** Median times to `marker` of `cmd` and to "ready" of bare node, interleaved, both in a pty. */
async function ptyTimes(node, cmd, marker, env) {
  const bareCmd = `${shq(node)} -e "process.stdout.write('ready\\n')"`;
  await ptyUntil(bareCmd, 'ready', env);
  await ptyUntil(cmd, marker, env); // warm-up
  const bare = [];
  const app = [];
  for (let i = 0; i < RUNS; i++) {
    const b = await ptyUntil(bareCmd, 'ready', env);
    if (b.failure) return { bare: b, app: b };
    bare.push(b.ms);
    const r = await ptyUntil(cmd, marker, env);
    if (r.failure) return { bare: { ms: median(bare) }, app: r };
    app.push(r.ms);
  }
  return { bare: { ms: median(bare) }, app: { ms: median(app) } };
}

/** Peak RSS (MB) of the wizard process over a whole provisioning run of a simulated host. */
function peakRss(node) {
  const sim = mkdtempSync(join(work, 'sim-'));
  const out = join(work, `rss-${Math.random().toString(36).slice(2)}.json`);
  const preload = `data:text/javascript,${encodeURIComponent(`import { writeFileSync } from 'node:fs'; process.on('exit', (code) => writeFileSync(${JSON.stringify(out)}, JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS })));`)}`;
  const r = spawnSync(node, ['--import', preload, bin, 'install', '--answers', join(pkgDir, 'examples', 'standalone.yaml'), '--yes', '--host', `sim:${sim}`], { cwd: site, env: baseEnv, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(out)) return { failure: `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-1)[0] ?? ''}` };
  return { mb: (JSON.parse(readFileSync(out, 'utf8')).maxRSS * 1024) / MB };
}

const nodes = [{ label: `Node ${process.version}`, bin: process.execPath }];
if (existsSync(NODE18)) nodes.push({ label: `Node ${execFileSync(NODE18, ['--version'], { encoding: 'utf8' }).trim()}`, bin: NODE18 });
const haveScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

const cols = [];
for (const n of nodes) {
  const { bare, cmd: version } = spawnTimes(n.bin, [bin, '--version']);
  let frame = { failure: 'util-linux script is not installed' };
  let barePty = frame;
  if (haveScript) {
    const env = { ...baseEnv, PATH: `${join(n.bin, '..')}:${baseEnv.PATH}`, TERM: 'xterm-256color', NETSETUP_IP_ECHO_URLS: 'http://127.0.0.1:9/', NETSETUP_MX_HOSTS: '127.0.0.1:9', NETSETUP_RESOLVER: '127.0.0.1:9' };
    const t = await ptyTimes(n.bin, `${shq(n.bin)} ${shq(bin)} install --dry-run --host ${shq(`sim:${mkdtempSync(join(work, 'sim-'))}`)}`, 'Welcome', env);
    barePty = t.bare;
    frame = t.app;
  }
  cols.push({ n, bare, version, barePty, frame, rss: peakRss(n.bin) });
}

// ---- report ----
let missed = 0;
const check = (ok) => (ok ? 'OK' : (missed++, 'MISSED'));
const W = 40;
const cell = (s) => String(s).padEnd(26);
const row = (label, values, target = '', verdict = '') => console.log(`${label.padEnd(W)}${values.map(cell).join('')}${target.padEnd(16)}${verdict}`);
const ms = (r) => (r.failure ? `FAILED (${r.failure})` : `${r.ms.toFixed(1)} ms`);

console.log(`netsetup-wizard package benchmark (median of ${RUNS} runs; ${process.platform}/${process.arch})\n`);
const runtimeDeps = pkgs.filter((p) => p.name !== 'netsetup-wizard');
row('', [''], 'target', '');
row('tarball (npm pack)', [`${(packed.size / MB).toFixed(2)} MB, ${packed.entryCount} files`]);
row('installed (production install)', [`${(installedBytes / MB).toFixed(2)} MB, ${pkgs.length} package${pkgs.length === 1 ? '' : 's'}`], '<= 2 MB, 1 pkg', check(installedBytes <= 2 * MB && runtimeDeps.length === 0));
const own = pkgs.find((p) => p.name === 'netsetup-wizard');
if (runtimeDeps.length && own) row('  of which netsetup-wizard itself', [`${(own.bytes / MB).toFixed(2)} MB`], '<= 2 MB', check(own.bytes <= 2 * MB));
console.log();
row('', cols.map((c) => c.n.label));
row('node -e 0', cols.map((c) => ms(c.bare)));
row('--version', cols.map((c) => (c.version.failure ? ms(c.version) : `${ms(c.version)}  ${(c.version.ms / c.bare.ms).toFixed(2)}x`)), '<= 1.5x', check(cols.every((c) => !c.version.failure && c.version.ms / c.bare.ms <= 1.5)));
row('bare node, first line in a pty', cols.map((c) => ms(c.barePty)));
row('interview first frame in a pty', cols.map((c) => (c.frame.failure || c.barePty.failure ? ms(c.frame) : `${ms(c.frame)}  ${(c.frame.ms / c.barePty.ms).toFixed(2)}x`)), '<= 3x', check(cols.every((c) => !c.frame.failure && !c.barePty.failure && c.frame.ms / c.barePty.ms <= 3)));
row('peak RSS, full sim: install', cols.map((c) => (c.rss.failure ? `FAILED (${c.rss.failure})` : `${c.rss.mb.toFixed(1)} MB`)), '<= 120 MB', check(cols.every((c) => !c.rss.failure && c.rss.mb <= 120)));
if (nodes.length === 1) console.log(`\n(Node 18 column missing: run \`node scripts/fetch-node18.mjs\` first)`);

console.log('\nlargest contributors to the installed footprint:');
if (runtimeDeps.length) {
  console.log(`  runtime dependency packages: ${runtimeDeps.length}; largest:`);
  for (const p of [...runtimeDeps].sort((a, b) => b.bytes - a.bytes).slice(0, 3)) console.log(`    ${(p.bytes / 1024).toFixed(0).padStart(6)} KB  ${p.name}`);
}
console.log('  largest files of the package itself:');
for (const f of biggestFiles.sort((a, b) => b.bytes - a.bytes).slice(0, 5)) console.log(`    ${(f.bytes / 1024).toFixed(0).padStart(6)} KB  ${f.name}`);

rmSync(work, { recursive: true, force: true });
if (STRICT && missed) process.exitCode = 1;
