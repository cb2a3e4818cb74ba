// @ts-nocheck
// Journal entries, fault injection (also across simulator instances) and concurrent mutations.
import { describe, expect, it, vi } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { freshSimDir, readJournal, sim, simEnv } from '../helpers/sim.js';

// These tests check the simulator's mechanics on a PVE 8 host whose repositories were already
// switched to no-subscription (the PVE 9 / fresh-host defaults are tested in install-releases).
const PVE8_MIRRORED = { pveVersion: '8.4', enterpriseRepo: false } as const;

const TEMPLATE = 'debian-12-standard_12.7-1_amd64.tar.zst';
const MAIL_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst';
const DNS_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-dns.vma.zst';
const create = (id: string) => ['pct', 'create', id, `local:vztmpl/${TEMPLATE}`, '--hostname', `ct${id}`, '--rootfs', 'local-lvm:8', '--net0', `name=eth0,bridge=vmbr0,ip=192.168.1.${Number(id) - 50}/24`];

describe('simulator journal', () => {
  it('records argv, target, mutated and exit for every command and file write, never stdin or contents', async () => {
    // Given a fresh host and a running container
    const dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
    const host = new SimHost(dir, { env: simEnv() });
    await sim(dir, ['pveam', 'download', 'local', TEMPLATE]);
    await sim(dir, create('100'));
    await sim(dir, ['pct', 'start', '100']);
    // When a read, a failing command, an exec and a secret write happen
    await sim(dir, ['pct', 'status', '100']);
    await sim(dir, ['pct', 'start', '100']);
    await sim(dir, ['pct', 'exec', '100', '--', 'systemctl', 'is-active', 'postfix']);
    await host.writeFile('/etc/pve/priv/storage/pbs-local.pw', 's3cr3t-token\n', { mode: 0o600, secret: true });
    await sim(dir, ['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm']);
    await sim(dir, ['qm', 'start', '101']);
    for (let i = 0; i < 500 && (await sim(dir, ['qm', 'guest', 'cmd', '101', 'ping'])).exit !== 0; i++) await new Promise((r) => setTimeout(r, 2));
    await sim(dir, ['qm', 'guest', 'exec', '101', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0600', '/dev/stdin', '/root/secret'], { stdin: 'hunter2' });
    // Then the journal has exactly these entries
    const j = readJournal(dir).filter((e) => !(e.argv[2] === 'cmd'));
    expect(j.map((e) => [e.argv.slice(0, 3).join(' '), e.target, e.mutated, e.exit])).toEqual([
      ['pveam download local', 'host', true, 0],
      ['pct create 100', 'host', true, 0],
      ['pct start 100', 'host', true, 0],
      ['pct status 100', 'host', false, 0],
      ['pct start 100', 'host', false, 255],
      ['pct exec 100', 'ct:100', false, 0],
      ['<write> /etc/pve/priv/storage/pbs-local.pw', 'host', true, 0],
      [`qmrestore ${MAIL_IMG} 101`, 'host', true, 0],
      ['qm start 101', 'host', true, 0],
      ['qm guest exec', 'vm:101', true, 0],
    ]);
    // And no secret reached the journal
    const raw = JSON.stringify(readJournal(dir));
    expect(raw).not.toContain('s3cr3t');
    expect(raw).not.toContain('hunter2');
    // And the secret file has the requested mode
    const { statSync } = await import('node:fs');
    expect(statSync(`${dir}/fs/etc/pve/priv/storage/pbs-local.pw`).mode & 0o777).toBe(0o600);
  });
});

describe('simulator fault injection', () => {
  it('fails exactly the first matching command, also across separate simulator instances', async () => {
    // Given NETSETUP_SIM_FAIL='pct create' and a template
    const dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
    const env = { NETSETUP_SIM_FAIL: 'pct create' };
    await sim(dir, ['pveam', 'download', 'local', TEMPLATE], { env });
    // When one simulator instance runs pct create
    const first = await sim(dir, create('100'), { env });
    // Then it fails with a realistic message and nothing was created
    expect(first.exit).toBe(1);
    expect(first.stderr).toMatch(/^unable to create CT 100 - command 'lxc-usernsexec .* failed: exit code 2\n$/);
    expect((await sim(dir, ['pct', 'list'], { env })).stdout).not.toMatch(/^100 /m);
    // And a fresh module instance (a second simulator) runs the same command successfully
    vi.resetModules();
    const fresh = await import('../../src/sim/run.js');
    const second = await fresh.runSim(create('100'), { dir, env: simEnv(env) });
    expect(second.exit).toBe(0);
    expect(readJournal(dir).filter((e) => e.argv[1] === 'create').map((e) => e.exit)).toEqual([1, 0]);
  });

  it('matches the innermost command of pct exec and qm guest exec', async () => {
    const dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
    const env = { NETSETUP_SIM_FAIL: 'apt-get update, nixos-rebuild switch' };
    await sim(dir, ['pveam', 'download', 'local', TEMPLATE]);
    await sim(dir, create('100'));
    await sim(dir, ['pct', 'start', '100']);
    const inCt = await sim(dir, ['pct', 'exec', '100', '--', 'apt-get', 'update'], { env });
    expect(inCt.exit).toBe(1);
    expect(inCt.stderr).toContain("Temporary failure resolving 'download.proxmox.com'");
    expect((await sim(dir, ['pct', 'exec', '100', '--', 'apt-get', 'update'], { env })).exit).toBe(0);
    await sim(dir, ['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm']);
    await sim(dir, ['qm', 'start', '101']);
    for (let i = 0; i < 500 && (await sim(dir, ['qm', 'guest', 'cmd', '101', 'ping'])).exit !== 0; i++) await new Promise((r) => setTimeout(r, 2));
    await sim(dir, ['qm', 'guest', 'exec', '101', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0600', '/dev/stdin', '/etc/netsetup/site.json'], { stdin: '{"role":"mail","domain":"example.com"}' });
    const rebuild = JSON.parse((await sim(dir, ['qm', 'guest', 'exec', '101', '--timeout', '0', '--', '/run/current-system/sw/bin/nixos-rebuild', 'switch'], { env })).stdout);
    expect(rebuild.exitcode).toBe(1);
    expect(rebuild['err-data']).toContain('failed to build');
    expect(JSON.parse((await sim(dir, ['qm', 'guest', 'exec', '101', '--timeout', '0', '--', '/run/current-system/sw/bin/nixos-rebuild', 'switch'], { env })).stdout).exitcode).toBe(0);
  });
});

describe('simulator concurrency', () => {
  it('keeps both of two concurrent pct create and two concurrent qmrestore', async () => {
    // Given a template on a fresh host
    const dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
    await sim(dir, ['pveam', 'download', 'local', TEMPLATE]);
    // When four creations run at once from separate in-process callers
    const rs = await Promise.all([
      sim(dir, create('100')),
      sim(dir, create('101')),
      sim(dir, ['qmrestore', MAIL_IMG, '200', '--storage', 'local-lvm', '--unique', '1']),
      sim(dir, ['qmrestore', DNS_IMG, '201', '--storage', 'local-lvm', '--unique', '1']),
    ]);
    // Then all succeed and the state holds all four
    expect(rs.map((r) => r.exit)).toEqual([0, 0, 0, 0]);
    const res = JSON.parse((await sim(dir, ['pvesh', 'get', '/cluster/resources', '--type', 'vm', '--output-format', 'json'])).stdout);
    expect(res.map((r: { vmid: number; type: string }) => `${r.type}/${r.vmid}`)).toEqual(['lxc/100', 'lxc/101', 'qemu/200', 'qemu/201']);
    expect(JSON.parse((await sim(dir, ['pvesh', 'get', '/cluster/nextid', '--output-format', 'json'])).stdout)).toBe('102');
  });
});
