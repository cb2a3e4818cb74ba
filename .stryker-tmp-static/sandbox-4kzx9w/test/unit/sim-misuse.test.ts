// @ts-nocheck
// The simulator rejects what the real Proxmox tools reject, with their messages and exit codes.
import { beforeEach, describe, expect, it } from 'vitest';
import { SimHost } from '../../src/sim/host.js';
import { freshSimDir, sim, simEnv } from '../helpers/sim.js';

// These tests check the simulator's mechanics on a PVE 8 host whose repositories were already
// switched to no-subscription (the PVE 9 / fresh-host defaults are tested in install-releases).
const PVE8_MIRRORED = { pveVersion: '8.4', enterpriseRepo: false } as const;

const TEMPLATE = 'debian-12-standard_12.7-1_amd64.tar.zst';
const MAIL_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst';
const CREATE = (id: string, extra: string[] = []) => ['pct', 'create', id, `local:vztmpl/${TEMPLATE}`, '--hostname', 'pmg-lib', '--unprivileged', '1', '--rootfs', 'local-lvm:10', '--net0', 'name=eth0,bridge=vmbr0,ip=192.168.1.60/24,gw=192.168.1.1', ...extra];

let dir: string;
async function must(argv: string[], stdin?: string) {
  const r = await sim(dir, argv, { stdin });
  expect(r.exit, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return r;
}
async function withTemplate() {
  await must(['pveam', 'download', 'local', TEMPLATE]);
}
async function runningCt() {
  await withTemplate();
  await must(CREATE('100'));
  await must(['pct', 'start', '100']);
}

beforeEach(() => {
  dir = freshSimDir('netsetup-sim-', PVE8_MIRRORED);
});

describe('simulator misuse', () => {
  it('rejects an unknown flag like Getopt in PVE::CLIHandler', async () => {
    // Given a template; When pct create gets a flag it does not know
    await withTemplate();
    const r = await sim(dir, CREATE('100', ['--bogus', '1']));
    // Then it fails before touching anything
    expect(r).toMatchObject({ exit: 255, stderr: 'Unknown option: bogus\n400 unable to parse option\npct create <vmid> <ostemplate> [OPTIONS]\n' });
    expect((await sim(dir, ['pct', 'list'])).stdout).not.toContain('100');
  });

  it('rejects a wrong argument count', async () => {
    // When pct start has no VMID, or pct status one too many
    expect(await sim(dir, ['pct', 'start'])).toMatchObject({ exit: 255, stderr: '400 not enough arguments\npct start <vmid> [OPTIONS]\n' });
    expect(await sim(dir, ['pct', 'status', '100', '101'])).toMatchObject({ exit: 255, stderr: '400 too many arguments\npct status <vmid> [OPTIONS]\n' });
  });

  it('rejects swapped qmrestore arguments (vmid must be an integer)', async () => {
    // When the VMID comes before the archive
    const r = await sim(dir, ['qmrestore', '101', MAIL_IMG, '--storage', 'local-lvm']);
    // Then the vmid parameter fails verification
    expect(r.exit).toBe(255);
    expect(r.stderr).toContain("400 Parameter verification failed.\nvmid: type check ('integer') failed - got '/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst'");
  });

  it('refuses an existing ID for pct create and for qmrestore', async () => {
    // Given container 100 and VM 101
    await withTemplate();
    await must(CREATE('100'));
    await must(['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm', '--unique', '1']);
    // When they are created again with the same IDs
    expect(await sim(dir, CREATE('100'))).toMatchObject({ exit: 255, stderr: "CT 100 already exists on node 'pve'\n" });
    expect(await sim(dir, ['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm'])).toMatchObject({ exit: 255, stderr: "unable to restore VM 101 - VM 101 already exists on node 'pve'\n" });
    expect(await sim(dir, ['qmrestore', MAIL_IMG, '100', '--storage', 'local-lvm'])).toMatchObject({ exit: 255, stderr: "unable to restore VM 100 - CT 100 already exists on node 'pve'\n" });
  });

  it('refuses exec and push into a stopped container', async () => {
    await withTemplate();
    await must(CREATE('100'));
    expect(await sim(dir, ['pct', 'exec', '100', '--', 'apt-get', 'update'])).toMatchObject({ exit: 255, stderr: "container '100' not running!\n" });
    expect(await sim(dir, ['pct', 'push', '100', '/etc/hostname', '/root/x'])).toMatchObject({ exit: 255, stderr: "container '100' not running!\n" });
  });

  it('cannot install PMG in the container until its repository is configured and fetched', async () => {
    // Given a running container without the pmg repository
    await runningCt();
    await must(['pct', 'exec', '100', '--', 'apt-get', 'update']);
    // When the PMG package is installed
    const r = await sim(dir, ['pct', 'exec', '100', '--', 'apt-get', 'install', '-y', 'proxmox-mailgateway-container']);
    // Then apt cannot find it
    expect(r.exit).toBe(100);
    expect(r.stderr).toBe('E: Unable to locate package proxmox-mailgateway-container\n');
    // And with the repository but without apt-get update it still cannot
    const host = new SimHost(dir, { env: simEnv() });
    await host.writeFile('/root/pmg.list', 'deb http://download.proxmox.com/debian/pmg bookworm pmg-no-subscription\n');
    await must(['pct', 'push', '100', '/root/pmg.list', '/etc/apt/sources.list.d/pmg.list']);
    await must(['pct', 'push', '100', '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg', '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg']);
    expect((await sim(dir, ['pct', 'exec', '100', '--', 'apt-get', 'install', '-y', 'proxmox-mailgateway-container'])).exit).toBe(100);
    await must(['pct', 'exec', '100', '--', 'apt-get', 'update']);
    await must(['pct', 'exec', '100', '--', 'apt-get', 'install', '-y', 'proxmox-mailgateway-container']);
  });

  it('fails apt-get update on a Proxmox repository whose key is missing', async () => {
    await runningCt();
    const host = new SimHost(dir, { env: simEnv() });
    await host.writeFile('/root/pmg.list', 'deb http://download.proxmox.com/debian/pmg bookworm pmg-no-subscription\n');
    await must(['pct', 'push', '100', '/root/pmg.list', '/etc/apt/sources.list.d/pmg.list']);
    const r = await sim(dir, ['pct', 'exec', '100', '--', 'apt-get', 'update']);
    expect(r.exit).toBe(100);
    expect(r.stderr).toContain('NO_PUBKEY 1140AF8F639E0C39');
    expect(r.stderr).toContain("E: The repository 'http://download.proxmox.com/debian/pmg bookworm InRelease' is not signed.");
  });

  it('cannot install PBS on the host without the pbs repository', async () => {
    await must(['apt-get', 'update']);
    const r = await sim(dir, ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'proxmox-backup-server']);
    expect(r).toMatchObject({ exit: 100, stderr: 'E: Unable to locate package proxmox-backup-server\n' });
    expect((await sim(dir, ['dpkg-query', '-W', '-f=${Status}', 'proxmox-backup-server'])).stderr).toBe('dpkg-query: no packages found matching proxmox-backup-server\n');
  });

  it('aborts apt-get install without -y when stdin is not a terminal', async () => {
    const host = new SimHost(dir, { env: simEnv() });
    await host.writeFile('/etc/apt/sources.list.d/pbs.list', 'deb http://download.proxmox.com/debian/pbs bookworm pbs-no-subscription\n');
    await must(['apt-get', 'update']);
    const r = await sim(dir, ['apt-get', 'install', 'proxmox-backup-server']);
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain('Do you want to continue? [Y/n] Abort.');
  });

  it('has no pmgsh before PMG is installed (lxc-attach exec failure)', async () => {
    await runningCt();
    const r = await sim(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'get', '/config/domains']);
    expect(r.exit).toBe(127);
    expect(r.stderr).toBe('lxc-attach: 100: ../src/lxc/attach.c: lxc_attach_run_command: 1841 No such file or directory - Failed to exec "pmgsh"\n');
  });

  it('refuses to start a running guest', async () => {
    await runningCt();
    expect(await sim(dir, ['pct', 'start', '100'])).toMatchObject({ exit: 255, stderr: 'CT 100 already running\n' });
    await must(['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm']);
    await must(['qm', 'start', '101']);
    expect(await sim(dir, ['qm', 'start', '101'])).toMatchObject({ exit: 255, stderr: 'VM 101 already running\n' });
  });

  it('rejects a non-existent storage, template and bridge', async () => {
    await withTemplate();
    expect(await sim(dir, ['pct', 'create', '100', `local:vztmpl/${TEMPLATE}`, '--rootfs', 'tank:10'])).toMatchObject({ exit: 255, stderr: "unable to create CT 100 - storage 'tank' does not exist\n" });
    const missingTpl = await sim(dir, ['pct', 'create', '100', 'local:vztmpl/debian-13-standard_13.0-1_amd64.tar.zst', '--rootfs', 'local-lvm:8']);
    expect(missingTpl).toMatchObject({ exit: 255, stderr: "unable to create CT 100 - volume 'local:vztmpl/debian-13-standard_13.0-1_amd64.tar.zst' does not exist\n" });
    expect(await sim(dir, ['qmrestore', MAIL_IMG, '101', '--storage', 'local-zfs'])).toMatchObject({ exit: 255, stderr: "unable to restore VM 101 - storage 'local-zfs' does not exist\n" });
    await must(['pct', 'create', '102', `local:vztmpl/${TEMPLATE}`, '--rootfs', 'local-lvm:8', '--net0', 'name=eth0,bridge=vmbr9,ip=dhcp']);
    const start = await sim(dir, ['pct', 'start', '102']);
    expect(start.exit).toBe(255);
    expect(start.stderr).toMatch(/^bridge 'vmbr9' does not exist\n[\s\S]*startup for container '102' failed\n$/);
    expect((await sim(dir, ['pct', 'status', '102'])).stdout).toBe('status: stopped\n');
  });

  it('rejects tags with invalid characters', async () => {
    await withTemplate();
    const r = await sim(dir, CREATE('100', ['--tags', 'netsetup;pmg@lib']));
    expect(r.exit).toBe(255);
    expect(r.stderr).toContain("tags: invalid format - value does not match the format 'pve-tag'");
  });

  it('refuses qm set on a VM that does not exist', async () => {
    const r = await sim(dir, ['qm', 'set', '150', '--name', 'mail-lib']);
    expect(r).toMatchObject({ exit: 255, stderr: "Configuration file 'nodes/pve/qemu-server/150.conf' does not exist\n" });
  });

  it('fails a duplicate pmgsh create like the PMG API', async () => {
    await runningCt();
    const host = new SimHost(dir, { env: simEnv() });
    await host.writeFile('/root/pmg.list', 'deb http://download.proxmox.com/debian/pmg bookworm pmg-no-subscription\n');
    await must(['pct', 'push', '100', '/root/pmg.list', '/etc/apt/sources.list.d/pmg.list']);
    await must(['pct', 'push', '100', '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg', '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg']);
    await must(['pct', 'exec', '100', '--', 'apt-get', 'update']);
    await must(['pct', 'exec', '100', '--', 'apt-get', 'install', '-y', 'proxmox-mailgateway-container']);
    const t = ['pct', 'exec', '100', '--', 'pmgsh', 'create', '/config/transport', '--domain', 'example.com', '--host', '192.168.1.61', '--port', '26', '--use_mx', '0'];
    await must(t);
    expect(await sim(dir, t)).toMatchObject({ exit: 255, stderr: "add transport map entry failed: Transport map entry 'example.com' already exists\n" });
    const bad = await sim(dir, ['pct', 'exec', '100', '--', 'pmgsh', 'create', '/config/domains', '--domain', 'example.com', '--relay', 'x']);
    expect(bad.stderr).toBe('Unknown option: relay\n400 unable to parse option\n');
  });

  it('needs the PBS password file before pvesm add pbs', async () => {
    const host = new SimHost(dir, { env: simEnv() });
    await host.writeFile('/etc/apt/sources.list.d/pbs.list', 'deb http://download.proxmox.com/debian/pbs bookworm pbs-no-subscription\n');
    await must(['apt-get', 'update']);
    await must(['apt-get', 'install', '-y', 'proxmox-backup-server']);
    await must(['proxmox-backup-manager', 'datastore', 'create', 'backup', '/var/lib/proxmox-backup/datastore']);
    await must(['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', 'netsetup']);
    expect((await sim(dir, ['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', 'netsetup'])).stderr).toBe("Error: token 'netsetup' for user 'root@pam' already exists.\n");
    const r = await sim(dir, ['pvesm', 'add', 'pbs', 'pbs-local', '--server', '127.0.0.1', '--datastore', 'backup', '--username', 'root@pam!netsetup']);
    expect(r).toMatchObject({ exit: 255, stderr: "create storage failed: pbs-client: root@pam!netsetup - missing password - no password file '/etc/pve/priv/storage/pbs-local.pw'\n" });
  });

  it('has no guest agent until the VM has booted, and none on a stopped VM', async () => {
    // Given a restored VM at realistic speed (boot takes 32 s)
    await sim(dir, ['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm']);
    expect(await sim(dir, ['qm', 'guest', 'cmd', '101', 'ping'])).toMatchObject({ exit: 255, stderr: 'VM 101 is not running\n' });
    // When it is started at speed 10 (boot ≈ 3.2 s) and pinged at once
    await sim(dir, ['qm', 'start', '101'], { env: { NETSETUP_SIM_SPEED: '10' } });
    // Then the agent does not answer yet: the caller must poll
    expect(await sim(dir, ['qm', 'guest', 'cmd', '101', 'ping'])).toMatchObject({ exit: 255, stderr: 'QEMU guest agent is not running\n' });
    expect(await sim(dir, ['qm', 'guest', 'exec', '101', '--', 'cat', '/etc/hostname'])).toMatchObject({ exit: 255, stderr: 'QEMU guest agent is not running\n' });
  });

  it('fails nixos-rebuild without site configuration, and returns only a pid past --timeout', async () => {
    await must(['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm']);
    await must(['qm', 'start', '101']);
    for (let i = 0; i < 1000 && (await sim(dir, ['qm', 'guest', 'cmd', '101', 'ping'])).exit !== 0; i++) await new Promise((r) => setTimeout(r, 2));
    const noSite = JSON.parse((await must(['qm', 'guest', 'exec', '101', '--timeout', '0', '--', '/run/current-system/sw/bin/nixos-rebuild', 'switch'])).stdout);
    expect(noSite.exitcode).toBe(1);
    expect(noSite['err-data']).toContain("error: opening file '/etc/netsetup/site.json': No such file or directory");
    await must(['qm', 'guest', 'exec', '101', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0600', '/dev/stdin', '/etc/netsetup/site.json'], '{"role":"mail",');
    const invalid = JSON.parse((await must(['qm', 'guest', 'exec', '101', '--timeout', '0', '--', '/run/current-system/sw/bin/nixos-rebuild', 'switch'])).stdout);
    expect(invalid['err-data']).toContain('while parsing JSON');
    await must(['qm', 'guest', 'exec', '101', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0600', '/dev/stdin', '/etc/netsetup/site.json'], '{"role":"mail","domain":"example.com"}');
    // When the 90 s rebuild runs with qm's default 30 s timeout
    const r = await must(['qm', 'guest', 'exec', '101', '--', '/run/current-system/sw/bin/nixos-rebuild', 'switch']);
    // Then qm returns the pid only, and exec-status has the result
    expect(r.stderr).toBe('timeout reached, returning pid\n');
    const pid = JSON.parse(r.stdout).pid as number;
    expect(JSON.parse((await must(['qm', 'guest', 'exec-status', '101', String(pid)])).stdout)).toMatchObject({ exitcode: 0, exited: 1 });
    expect((await sim(dir, ['qm', 'guest', 'exec', '101', '--', 'frobnicate'])).stderr).toBe('Agent error: Failed to execute child process “frobnicate” (No such file or directory)\n');
  });
});
