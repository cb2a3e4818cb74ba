// @ts-nocheck
// The published package, as npx gets it: pack the built CLI, install it with production
// dependencies only, and run it with Node 18.20.4 (Proxmox VE 8's Node) and the machine's Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { NODE18_BIN, NODE18_VERSION, installInto, installedPackages, node18Missing, nodeModulesAbove, packInto, run, startSshGreeter, type Packed } from './packaging.js';
import { seededSim } from '../helpers/sim.js';

const ESC = '\x1b[';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const node18Skip = node18Missing();
if (node18Skip) console.warn(`node18-pack: skipping the Node ${NODE18_VERSION} runs: ${node18Skip}`);

let work: string;
let packed: Packed;
let installed: string;
let extracted: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'netsetup-pack-'));
  packed = packInto(work);
  installed = join(work, 'site');
  installInto(installed, packed.tarball);
  // The tarball unpacked where no node_modules can help it: the bundle alone must run.
  extracted = join(work, 'bare');
  mkdirSync(extracted);
  execFileSync('tar', ['-xzf', packed.tarball, '-C', extracted]);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('contains what npx needs and nothing else', () => {
    // Given the packed file list
    const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE(\.md)?$/, /^bin\/netsetup-wizard\.js$/, /^bin\/package\.json$/, /^dist\/(chunks\/)?[\w-]+\.js$/, /^dist\/help\.cjs$/, /^schema\/answers\.schema\.json$/, /^nix\/.+/, /^examples\/[\w-]+\.ya?ml$/];
    // Then every file is one of the shipped kinds: no sources, tests, maps or lock files
    expect(packed.files.filter((f) => !allowed.some((re) => re.test(f)))).toEqual([]);
    // And the things npx and editors need are there
    for (const f of ['bin/netsetup-wizard.js', 'bin/package.json', 'dist/help.cjs', 'dist/cli.js', 'dist/sim.js', 'schema/answers.schema.json', 'examples/standalone.yaml', 'README.md']) expect(packed.files).toContain(f);
    expect(packed.files.some((f) => f.startsWith('nix/'))).toBe(true);
  });

  it('declares no runtime dependencies: everything is bundled into dist/', () => {
    // Given the package.json inside the tarball
    const inner = JSON.parse(readFileSync(join(extracted, 'package', 'package.json'), 'utf8')) as Record<string, unknown>;
    // Then npx has nothing to download but this one package
    expect(inner.dependencies ?? {}).toEqual({});
    expect(inner.optionalDependencies ?? {}).toEqual({});
    expect(inner.engines).toEqual({ node: '>=18.19.0' });
  });

  it('installs as a single package with a working bin link', () => {
    // Given the production install done offline in beforeAll
    // Then node_modules holds the wizard and nothing else
    expect(installedPackages(join(installed, 'node_modules'))).toEqual(['netsetup-wizard']);
    expect(existsSync(join(installed, 'node_modules', '.bin', 'netsetup-wizard'))).toBe(true);
  });
});

function clientKey(): string {
  const key = join(work, `id_rsa_${Math.random().toString(36).slice(2)}`);
  writeFileSync(key, generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'pkcs1', format: 'pem' } }).privateKey, { mode: 0o600 });
  return key;
}

function sshDryRun(layout: Layout, node: string, env: Record<string, string>, port: number) {
  return run([...layout.argv(node), 'install', '--answers', join(extracted, 'package', 'examples', 'standalone.yaml'), '--dry-run', '--host', `ssh://root@127.0.0.1:${port}`], {
    env: { ...env, NETSETUP_SSH_KEY: clientKey(), NETSETUP_KNOWN_HOSTS: join(work, `known-${port}.json`) },
    cwd: layout.cwd(),
  });
}

interface Layout {
  name: string;
  /** How to start the CLI, given the node binary. */
  argv: (node: string) => string[];
  cwd: () => string;
}

const LAYOUTS: Layout[] = [
  // Through the bin link and its `#!/usr/bin/env node` line, as npx runs it.
  { name: 'installed (bin link)', argv: () => [join(installed, 'node_modules', '.bin', 'netsetup-wizard')], cwd: () => installed },
  { name: 'bare tarball, no node_modules', argv: (node) => [node, join(extracted, 'package', 'bin', 'netsetup-wizard.js')], cwd: () => extracted },
];

const NODES = [
  { name: `Node ${NODE18_VERSION}`, bin: () => NODE18_BIN, skip: node18Skip },
  { name: `machine Node ${process.version}`, bin: () => process.execPath, skip: undefined },
];

describe.each(NODES)('$name', ({ bin, skip }) => {
  describe.each(LAYOUTS)('$name', (layout) => {
    // Only the chosen node is on PATH, so the bin link's `env node` finds it; no NODE_PATH.
    const env = (): Record<string, string> => ({ PATH: `${dirname(bin())}:/usr/bin:/bin`, HOME: join(work, 'home'), LANG: 'C.UTF-8', NETSETUP_LOG_DIR: work });
    const cli = (args: string[]) => run([...layout.argv(bin()), ...args], { env: env(), cwd: layout.cwd() });

    it.skipIf(Boolean(skip))('the precondition holds: nothing outside the package can be resolved', () => {
      // Given the bare layout, no node_modules may sit above it; the installed one has only ours
      if (layout.name.startsWith('bare')) expect(nodeModulesAbove(join(extracted, 'package'))).toEqual([]);
      // And the node on PATH is the one under test
      expect(execFileSync('env', ['node', '--version'], { env: env(), encoding: 'utf8' }).trim()).toBe(execFileSync(bin(), ['--version'], { encoding: 'utf8' }).trim());
    });

    it.skipIf(Boolean(skip))('--version and --help', async () => {
      // When the packaged CLI is asked for its version and help
      const v = await cli(['--version']);
      const h = await cli(['--help']);
      // Then both answer on stdout, exit 0, without escape codes on a pipe
      expect(v).toMatchObject({ code: 0, stderr: '' });
      expect(v.stdout.trim()).toContain(pkg.version);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain('records');
      expect(h.stdout).toContain('--dry-run');
      expect(h.stdout + v.stdout).not.toContain(ESC);
    });

    it.skipIf(Boolean(skip))('records --format json prints the records as a JSON array', async () => {
      // When the records of the shipped standalone example are asked for as JSON
      const r = await cli(['records', '--answers', join(extracted, 'package', 'examples', 'standalone.yaml'), '--format', 'json']);
      // Then stdout is a JSON array with the MX record
      expect(r.code, r.stderr).toBe(0);
      const records = JSON.parse(r.stdout) as { type: string; name: string; value: string; priority?: number }[];
      expect(records).toContainEqual(expect.objectContaining({ type: 'MX', name: 'example.com', value: 'mx.example.com', priority: 10 }));
      expect(records.filter((x) => x.type === 'TXT' && x.value.startsWith('v=spf1'))).toHaveLength(1);
    });

    it.skipIf(Boolean(skip))('install --dry-run against a simulated host lists the pct create', async () => {
      // Given an empty simulated Proxmox VE host
      const sim = seededSim(work);
      // When the packaged CLI plans the shipped standalone example against it
      const r = await cli(['install', '--answers', join(extracted, 'package', 'examples', 'standalone.yaml'), '--dry-run', '--host', `sim:${sim}`]);
      // Then the plan lists the container creation and the VMs, and nothing leaks the password
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/pct create 100 .*--unprivileged 1/);
      expect(r.stdout).toContain('mail-lib');
      expect(r.stdout + r.stderr).not.toContain('change-me-please-1');
      expect(r.stdout + r.stderr).not.toContain(ESC);
    });

    it.skipIf(Boolean(skip))('the SSH transport loads and speaks SSH (ssh2 without its native add-ons)', async () => {
      // Given a listener that greets like OpenSSH and resets after the key-exchange offer
      const greeter = await startSshGreeter('reset');
      try {
        // When a dry run targets it over ssh://
        const r = await sshDryRun(layout, bin(), env(), greeter.port);
        // Then ssh2 sent its identification and key-exchange offer (its crypto set-up ran)
        expect(greeter.received()).toMatch(/^SSH-2\.0-ssh2js/);
        expect(greeter.received()).toContain('curve25519-sha256');
        // And the failure is about the connection, reported plainly (exit 1, no stack trace)
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`cannot connect to ssh://root@127.0.0.1:${greeter.port}`);
        expect(r.stderr).not.toMatch(/\n\s+at |Cannot find|ERR_MODULE_NOT_FOUND|is not defined/);
      } finally {
        await greeter.close();
      }
    });
  });
});

describe('SSH hang-up during the handshake', () => {
  it('is reported as a connection failure, not a silent exit 0', async () => {
    // Given a listener that greets like OpenSSH and then closes the connection cleanly (FIN)
    const greeter = await startSshGreeter('close');
    try {
      // When a dry run targets it with the packaged CLI
      const env = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: join(work, 'home'), LANG: 'C.UTF-8', NETSETUP_LOG_DIR: work };
      const r = await sshDryRun(LAYOUTS[1]!, process.execPath, env, greeter.port);
      // Then the technician is told the connection failed, with exit 1
      expect(greeter.received()).toMatch(/^SSH-2\.0-ssh2js/);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 1, stderr: expect.stringContaining(`ssh://root@127.0.0.1:${greeter.port}`) });
    } finally {
      await greeter.close();
    }
  });
});
