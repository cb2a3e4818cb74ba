// @ts-nocheck
// The multi-call entry through shell shims, as an sshd session would run it: real processes,
// stdin passed through, exit codes kept, state shared between concurrent processes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSimShims } from '../../src/sim/shims.js';
import { freshSimDir, readJournal } from '../helpers/sim.js';

// These tests check the simulator's mechanics on a PVE 8 host whose repositories were already
// switched to no-subscription (the PVE 9 / fresh-host defaults are tested in install-releases).
const PVE8_MIRRORED = { pveVersion: '8.4', enterpriseRepo: false } as const;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let bin: string;

function run(cmd: string, args: string[], dir: string, opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(join(bin, cmd), args, { env: { PATH: `${bin}:/usr/bin:/bin`, NETSETUP_SIM_DIR: dir, NETSETUP_SIM_SPEED: '100000', ...opts.env } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(opts.stdin ?? '');
  });
}

beforeAll(async () => {
  // Bundle the entry like scripts/build.mjs does, into a temp dir (dist/ belongs to the suite).
  const out = mkdtempSync(join(tmpdir(), 'netsetup-simjs-'));
  await build({ entryPoints: [join(ROOT, 'src/sim/cli.ts')], outfile: join(out, 'sim.mjs'), bundle: true, format: 'esm', platform: 'node', target: 'node18.19', logLevel: 'warning' });
  bin = join(out, 'bin');
  writeSimShims(bin, join(out, 'sim.mjs'), process.execPath);
});

describe('simulator CLI through shims', () => {
  it('writes executable shims for the commands the wizard uses', () => {
    for (const c of ['pct', 'qm', 'qmrestore', 'pvesh', 'pveam', 'pvesm', 'pveversion', 'apt-get', 'dpkg-query', 'systemctl', 'proxmox-backup-manager', 'env', 'rm']) {
      expect(existsSync(join(bin, c)), c).toBe(true);
    }
  });

  it('runs commands with their output and exit codes, env-wrapped and with stdin', async () => {
    // Given a fresh state dir
    const dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
    // When commands run as processes
    expect(await run('pveversion', [], dir)).toEqual({ code: 0, stdout: 'pve-manager/8.4.14/b502d23c55afcba1 (running kernel: 6.8.12-15-pve)\n', stderr: '' });
    const miss = await run('env', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'proxmox-backup-server'], dir);
    expect(miss).toMatchObject({ code: 100, stderr: 'E: Unable to locate package proxmox-backup-server\n' });
    await run('qmrestore', ['/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst', '101', '--storage', 'local-lvm'], dir);
    await run('qm', ['start', '101'], dir);
    for (let i = 0; i < 200 && (await run('qm', ['guest', 'cmd', '101', 'ping'], dir)).code !== 0; i++);
    const w = await run('qm', ['guest', 'exec', '101', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0600', '/dev/stdin', '/etc/netsetup/site.json'], dir, { stdin: 'quotes \' " $(x) `y`\nline2' });
    expect(w.code).toBe(0);
    // Then stdin reached the guest file byte-exact and the journal has the argv only
    const cat = await run('qm', ['guest', 'exec', '101', '--', 'cat', '/etc/netsetup/site.json'], dir);
    expect(JSON.parse(cat.stdout)['out-data']).toBe('quotes \' " $(x) `y`\nline2');
    expect(JSON.stringify(readJournal(dir))).not.toContain('line2');
  });

  it('shares state and faults across concurrent processes', async () => {
    // Given a template and a fault for the first qmrestore
    const dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
    await run('pveam', ['download', 'local', 'debian-12-standard_12.7-1_amd64.tar.zst'], dir);
    const env = { NETSETUP_SIM_FAIL: 'qmrestore' };
    // When two processes create containers and two restore VMs at the same time
    const rs = await Promise.all([
      run('pct', ['create', '100', 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', '--rootfs', 'local-lvm:8'], dir, { env }),
      run('pct', ['create', '101', 'local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst', '--rootfs', 'local-lvm:8'], dir, { env }),
      run('qmrestore', ['/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst', '200', '--storage', 'local-lvm'], dir, { env }),
      run('qmrestore', ['/var/lib/vz/dump/vzdump-qemu-netsetup-dns.vma.zst', '201', '--storage', 'local-lvm'], dir, { env }),
    ]);
    // Then both containers exist and exactly one restore failed
    expect(rs.slice(0, 2).map((r) => r.code)).toEqual([0, 0]);
    expect(rs.slice(2).map((r) => r.code).sort()).toEqual([0, 1]);
    const list = (await run('pct', ['list'], dir)).stdout;
    expect(list).toMatch(/^100 +stopped/m);
    expect(list).toMatch(/^101 +stopped/m);
    expect((await run('qm', ['list'], dir)).stdout.match(/^ +20[01] /gm)).toHaveLength(1);
  });
});
