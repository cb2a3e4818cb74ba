// @ts-nocheck
// The happy path of a full install against the simulator, and the state it leaves.
import { describe, expect, it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { freshSimDir, readJournal, sim, simEnv } from '../helpers/sim.js';

// These tests check the simulator's mechanics on a PVE 8 host whose repositories were already
// switched to no-subscription (the PVE 9 / fresh-host defaults are tested in install-releases).
const PVE8_MIRRORED = { pveVersion: '8.4', enterpriseRepo: false } as const;

const TEMPLATE = 'debian-12-standard_12.7-1_amd64.tar.zst';
const MAIL_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst';
const DNS_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-dns.vma.zst';

async function ok(dir: string, argv: string[], stdin?: string) {
  const r = await sim(dir, argv, { stdin });
  expect(r.exit, `${argv.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

async function waitForAgent(dir: string, vmid: string) {
  for (let i = 0; i < 500; i++) {
    const r = await sim(dir, ['qm', 'guest', 'cmd', vmid, 'ping']);
    if (r.exit === 0) return;
    expect(r.stderr).toBe('QEMU guest agent is not running\n');
    await new Promise((res) => setTimeout(res, 2));
  }
  throw new Error('agent never answered');
}

describe('simulated full install', () => {
  it('provisions PBS, the PMG container and both NixOS VMs, and the host reports them', async () => {
    // Given a fresh simulated PVE 8.2 host
    const dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
    const host = new SimHost(dir, { env: simEnv() });
    expect((await ok(dir, ['pveversion'])).stdout).toBe('pve-manager/8.4.14/b502d23c55afcba1 (running kernel: 6.8.12-15-pve)\n');
    expect(JSON.parse((await ok(dir, ['pvesh', 'get', '/cluster/nextid', '--output-format', 'json'])).stdout)).toBe('100');
    const net = JSON.parse((await ok(dir, ['pvesh', 'get', '/nodes/pve/network', '--output-format', 'json'])).stdout);
    expect(net).toContainEqual(expect.objectContaining({ iface: 'vmbr0', type: 'bridge', cidr: '192.168.1.10/24', gateway: '192.168.1.1', active: 1 }));
    const backups = JSON.parse((await ok(dir, ['pvesh', 'get', '/nodes/pve/storage/local/content', '--content', 'backup', '--output-format', 'json'])).stdout);
    expect(backups.map((b: { volid: string }) => b.volid)).toEqual(['local:backup/vzdump-qemu-netsetup-dns.vma.zst', 'local:backup/vzdump-qemu-netsetup-mail.vma.zst']);

    // When PBS is installed from its repository, a datastore created and registered as storage
    await host.writeFile('/etc/apt/sources.list.d/pbs.list', 'deb http://download.proxmox.com/debian/pbs bookworm pbs-no-subscription\n');
    await ok(dir, ['apt-get', 'update']);
    await ok(dir, ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'proxmox-backup-server']);
    expect((await ok(dir, ['dpkg-query', '-W', '-f=${Status}', 'proxmox-backup-server'])).stdout).toBe('install ok installed');
    await ok(dir, ['proxmox-backup-manager', 'datastore', 'create', 'backup', '/var/lib/proxmox-backup/datastore']);
    expect((await ok(dir, ['systemctl', 'is-active', 'proxmox-backup-proxy'])).stdout).toBe('active\n');
    const fp = /Fingerprint \(sha256\): ([0-9a-f:]{95})/.exec((await ok(dir, ['proxmox-backup-manager', 'cert', 'info'])).stdout)?.[1];
    expect(fp).toBeDefined();
    // (generate-token takes no --output-format and prints "Result: " + pretty JSON, as in
    // proxmox-backup's docs/user-management.rst)
    expect((await sim(dir, ['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', 'netsetup', '--output-format', 'json'])).exit).toBe(255);
    const printed = (await ok(dir, ['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', 'netsetup'])).stdout;
    expect(printed).toMatch(/^Result: \{\n  "tokenid": "root@pam!netsetup",\n  "value": "[0-9a-f-]{36}"\n\}\n$/);
    const token = JSON.parse(printed.slice('Result: '.length));
    expect(token.tokenid).toBe('root@pam!netsetup');
    // (as PVE does: a storage added without --password is activated at once, and its .pw file
    // deleted; a token needs its own ACL entry to see the datastore)
    const add = ['pvesm', 'add', 'pbs', 'pbs-local', '--server', '127.0.0.1', '--datastore', 'backup', '--username', 'root@pam!netsetup', '--fingerprint', fp as string];
    expect((await sim(dir, add)).stderr).toMatch(/missing password/);
    await ok(dir, [...add, '--disable', '1']);
    await host.writeFile('/etc/pve/priv/storage/pbs-local.pw', `${token.value}\n`, { mode: 0o600 });
    // (`pvesm set --disable 0` only edits storage.cfg; pvesm status shows whether PVE can use it)
    await ok(dir, ['pvesm', 'set', 'pbs-local', '--disable', '0']);
    const inactive = await sim(dir, ['pvesm', 'status', '--storage', 'pbs-local']);
    expect(inactive.stdout).toMatch(/^pbs-local\s+pbs\s+inactive/m);
    expect(inactive.stderr).toMatch(/no permissions/);
    await ok(dir, ['proxmox-backup-manager', 'acl', 'update', '/datastore/backup', 'DatastoreBackup', '--auth-id', 'root@pam!netsetup']);
    expect((await ok(dir, ['pvesm', 'status', '--storage', 'pbs-local'])).stdout).toMatch(/^pbs-local\s+pbs\s+active/m);

    // And the PMG container is created from the Debian template, started and configured
    expect((await ok(dir, ['pveam', 'available', '--section', 'system'])).stdout).toContain(`system          ${TEMPLATE}\n`);
    await ok(dir, ['pveam', 'download', 'local', TEMPLATE]);
    await ok(dir, ['pct', 'create', '100', `local:vztmpl/${TEMPLATE}`, '--hostname', 'pmg-lib', '--unprivileged', '1', '--features', 'nesting=1', '--onboot', '1', '--tags', 'netsetup;pmg', '--cores', '2', '--memory', '4096', '--swap', '512', '--rootfs', 'local-lvm:10', '--net0', 'name=eth0,bridge=vmbr0,ip=192.168.1.60/24,gw=192.168.1.1', '--nameserver', '192.168.1.62', '--searchdomain', 'example.com', '--description', 'pmg@lib']);
    await ok(dir, ['pct', 'start', '100']);
    await host.writeFile('/root/pmg.list', 'deb http://download.proxmox.com/debian/pmg bookworm pmg-no-subscription\n');
    await ok(dir, ['pct', 'push', '100', '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg', '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg', '--perms', '0644']);
    await ok(dir, ['pct', 'push', '100', '/root/pmg.list', '/etc/apt/sources.list.d/pmg.list', '--perms', '0644']);
    await ok(dir, ['pct', 'exec', '100', '--', 'apt-get', 'update']);
    await ok(dir, ['pct', 'exec', '100', '--', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'proxmox-mailgateway-container']);
    await ok(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'create', '/config/domains', '--domain', 'example.com', '--comment', 'customer']);
    await ok(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'create', '/config/transport', '--domain', 'example.com', '--host', '192.168.1.61', '--port', '26', '--protocol', 'smtp', '--use_mx', '0']);
    await ok(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'create', '/config/mynetworks', '--cidr', '192.168.1.61/32', '--comment', 'mail VM']);
    await ok(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'set', '/config/mail', '--tls', '1']);
    await ok(dir, ['pct', 'exec', '100', '--', 'pmgconfig', 'sync', '--restart', '1']);
    const transport = await ok(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'get', '/config/transport']);
    expect(transport.stderr).toBe('200 OK\n');
    expect(JSON.parse(transport.stdout)).toEqual([{ comment: '', domain: 'example.com', host: '192.168.1.61', port: 26, protocol: 'smtp', use_mx: 0 }]);
    expect(transport.stdout).toContain('   "host" : "192.168.1.61"');
    expect((await ok(dir, ['pct', 'exec', '100', '--', 'systemctl', 'is-active', 'pmg-smtp-filter'])).stdout).toBe('active\n');
    expect((await ok(dir, ['pct', 'exec', '100', '--', '/run/current-system/sw/bin/ss', '-Hltn'])).stdout).toMatch(/LISTEN .* 0\.0\.0\.0:25 /);

    // And both VMs are restored, configured, booted and rebuilt from their site.json
    const vms = [
      { id: '101', img: MAIL_IMG, name: 'mail-lib', role: 'mail', ip: '192.168.1.61' },
      { id: '102', img: DNS_IMG, name: 'dns-lib', role: 'dns', ip: '192.168.1.62' },
    ];
    for (const vm of vms) {
      await ok(dir, ['qmrestore', vm.img, vm.id, '--storage', 'local-lvm', '--unique', '1']);
      await ok(dir, ['qm', 'set', vm.id, '--name', vm.name, '--tags', `netsetup;${vm.role}`, '--description', `${vm.role}@lib`, '--cores', '2', '--memory', '2048', '--onboot', '1', '--agent', 'enabled=1', '--ipconfig0', `ip=${vm.ip}/24,gw=192.168.1.1`, '--nameserver', '192.168.1.62', '--searchdomain', 'example.com']);
      await ok(dir, ['qm', 'start', vm.id]);
      await waitForAgent(dir, vm.id);
      const site = { role: vm.role, domain: 'example.com', ddns: { enable: true }, records: [{ name: 'mail.example.com', type: 'A', value: '192.168.1.61' }] };
      const w = await ok(dir, ['qm', 'guest', 'exec', vm.id, '--pass-stdin', '1', '--', 'install', '-D', '-m', '0600', '/dev/stdin', '/etc/netsetup/site.json'], JSON.stringify(site));
      expect(JSON.parse(w.stdout)).toEqual({ exitcode: 0, exited: 1 });
      const rebuild = await ok(dir, ['qm', 'guest', 'exec', vm.id, '--timeout', '0', '--', '/run/current-system/sw/bin/nixos-rebuild', 'switch']);
      expect(JSON.parse(rebuild.stdout).exitcode).toBe(0);
    }
    await ok(dir, ['pvesh', 'create', '/cluster/backup', '--id', 'netsetup-nightly', '--schedule', '02:30', '--storage', 'pbs-local', '--vmid', '100,101,102', '--mode', 'snapshot', '--enabled', '1', '--comment', 'netsetup']);

    // Then the guest list, IPs, tags, services and ports are what was configured
    const res = JSON.parse((await ok(dir, ['pvesh', 'get', '/cluster/resources', '--type', 'vm', '--output-format', 'json'])).stdout);
    expect(res.map((r: Record<string, unknown>) => [r.vmid, r.name, r.type, r.status, r.tags])).toEqual([
      [100, 'pmg-lib', 'lxc', 'running', 'netsetup;pmg'],
      [101, 'mail-lib', 'qemu', 'running', 'netsetup;mail'],
      [102, 'dns-lib', 'qemu', 'running', 'netsetup;dns'],
    ]);
    expect((await ok(dir, ['pct', 'config', '100'])).stdout).toMatch(/^net0: name=eth0,bridge=vmbr0,ip=192\.168\.1\.60\/24,gw=192\.168\.1\.1,hwaddr=BC:24:11:[0-9A-F:]{8},type=veth$/m);
    expect((await ok(dir, ['qm', 'config', '101'])).stdout).toContain('ipconfig0: ip=192.168.1.61/24,gw=192.168.1.1\n');
    const mailSvcs = JSON.parse((await ok(dir, ['qm', 'guest', 'exec', '101', '--', 'systemctl', 'is-active', 'postfix', 'dovecot2', 'nginx', 'opendkim'])).stdout);
    expect(mailSvcs).toEqual({ exitcode: 0, exited: 1, 'out-data': 'active\nactive\nactive\nactive\n' });
    const ports = JSON.parse((await ok(dir, ['qm', 'guest', 'exec', '101', '--', '/run/current-system/sw/bin/ss', '-Hltn'])).stdout)['out-data'] as string;
    for (const p of [25, 26, 143, 443, 587, 993]) expect(ports).toMatch(new RegExp(`:${p} `));
    const dkim = JSON.parse((await ok(dir, ['qm', 'guest', 'exec', '101', '--', 'cat', '/var/lib/opendkim/example.com.txt'])).stdout)['out-data'];
    expect(dkim).toMatch(/^default\._domainkey\tIN\tTXT\t\( "v=DKIM1; k=rsa; "\n\t  "p=MIIB/);
    const dnsSvcs = JSON.parse((await ok(dir, ['qm', 'guest', 'exec', '102', '--', 'systemctl', 'is-active', 'coredns', 'step-ca', 'ddns-updater'])).stdout);
    expect(dnsSvcs.exitcode).toBe(0);
    const digOut = JSON.parse((await ok(dir, ['qm', 'guest', 'exec', '102', '--', '/run/current-system/sw/bin/dig', '+short', '@127.0.0.1', 'mail.example.com', 'A'])).stdout);
    expect(digOut['out-data']).toBe('192.168.1.61\n');
    expect(JSON.parse((await ok(dir, ['pvesh', 'get', '/cluster/backup', '--output-format', 'json'])).stdout)).toEqual([
      expect.objectContaining({ id: 'netsetup-nightly', storage: 'pbs-local', vmid: '100,101,102', schedule: '02:30', enabled: 1 }),
    ]);
    expect((await ok(dir, ['pvesm', 'status'])).stdout).toMatch(/^pbs-local\s+pbs\s+active/m);
    // And no command of the run failed
    // (apart from the agent polls and the two storage activations refused on purpose above)
    const refusedOnPurpose = (e: { argv: string[] }) => (e.argv[0] === 'pvesm' && e.argv[1] === 'add') || (e.argv.includes('--output-format') && e.argv[2] === 'generate-token');
    expect(readJournal(dir).filter((e) => e.exit !== 0 && !(e.argv[2] === 'cmd' && e.argv[4] === 'ping') && !refusedOnPurpose(e))).toEqual([]);
    expect(readJournal(dir).filter((e) => e.exit !== 0 && refusedOnPurpose(e))).toHaveLength(2);
  });
});
