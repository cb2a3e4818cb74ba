// The simulator's validation of Proxmox command lines (src/sim/proxmoxSchema.ts) against the
// schemas extracted from Proxmox's sources. Every expectation here is a fact of the upstream
// definitions, not of the extracted JSON or of the validator:
// - pve-common src/PVE/JSONSchema.pm: check_prop's messages ("property is missing and it is not
//   optional", "value must have a minimum value of N", "value may only be N characters long",
//   "value must be at least N characters long", "value does not match the regex pattern",
//   "value 'x' does not have a value in the enumeration 'a, b'", "type check ('boolean') failed -
//   got 'x'"), get_options ("unable to parse option", "not enough arguments", "too many
//   arguments"), the formats pve-configid (^[a-z][a-z0-9_-]+$), pve-tag
//   ([a-z0-9_][a-z0-9_\-+.]*, case-insensitive), pve-vmid (^[1-9][0-9]{2,8}$), mac-addr (unicast:
//   second nibble even), CIDRv4/CIDRv6 (prefix 8..32 / 8..128), pve-ipv4-config (dhcp, manual or
//   CIDRv4), pve-ipv6-config (auto, dhcp, manual or CIDRv6), dns-name, disk-size (parse_size:
//   digits, optional fraction, K/M/G/T with optional iB), email (ParseUtils EMAIL_RE), split_list
//   (lists separated by , ; or white space);
// - pve-container src/PVE/LXC/Config.pm: net[n] (name required; bridge, hwaddr, mtu 64..65535,
//   ip, gw, ip6, gw6, firewall, tag 1..4094, trunks, rate), features (nesting, keyctl, …), dev[n]
//   mode (0[0-7]{3}), memory (minimum 16), cores (1..8192), hostname (dns-name, at most 255),
//   ostype's list, password (at least 5 characters);
// - qemu-server src/PVE/QemuServer/Network.pm: net[n] (model as default key, `virtio=MAC` form,
//   bridge, queues 0..64, tag, firewall, rate as number), ipconfig[n]; QemuServer.pm agent
//   (enabled as default key, freeze-fs with its aliases, type virtio|isa);
// - pve-manager PVE/API2/Cluster.pm resources --type (vm, storage, node, sdn), PVE/CLI/pveam.pm
//   available --section (system, mail, turnkeylinux), PVE/API2/Backup.pm (dow, schedule, vmid
//   list), pvesh's --output-format (text, json, json-pretty, yaml);
// - proxmox-backup: user generate-token <userid> <token-name>, prune-job create (id and store
//   3..32 characters, keep-* at least 1, schedule a calendar event), errors "parameter
//   verification errors … schema does not allow additional properties".
// Sentinel values (names, addresses, sizes) are chosen here.
import { isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isTrue, validateProxmoxCall, validatePvesmSet, type Release } from '../../src/sim/proxmoxSchema.js';

const T = 'local:vztmpl/debian-13-standard_13.1-2_amd64.tar.zst';
const PCT_USAGE = 'pct create <vmid> <ostemplate> [OPTIONS]\n';
const QM_SET_USAGE = 'qm set <vmid> [OPTIONS]\n';
const RELEASES: Release[] = ['9', '8'];

/** The refusal's stderr (exit 255, like a Perl die in PVE's CLI), or undefined when accepted. */
function check(argv: string[], release: Release = '9'): string | undefined {
  const r = validateProxmoxCall(argv, release);
  if (r) expect(r.exit, r.stderr).toBe(255);
  return r?.stderr;
}
const pct = (...opts: string[]) => check(['pct', 'create', '100', T, ...opts]);
const qmSet = (...opts: string[]) => check(['qm', 'set', '101', ...opts]);
const param = (usage: string, ...lines: string[]) => `400 Parameter verification failed.\n${lines.join('\n')}\n${usage}`;

describe.each(RELEASES)('PVE %s: command lines the way PVE::CLIHandler parses them', (release) => {
  const c = (argv: string[]) => check(argv, release);

  it('accepts --opt value, --opt=value, -opt value and a bare boolean', () => {
    expect(c(['pct', 'create', '100', T, '--hostname', 'pmg-lib', '--memory=1024', '-cores', '2', '--unprivileged'])).toBeUndefined();
    expect(c(['pct', 'create', '100', T, '--unprivileged', '--onboot', '1'])).toBeUndefined();
    // a path to the binary is the same command
    expect(c(['/usr/sbin/pct', 'start', '100'])).toBeUndefined();
    expect(c(['/usr/bin/pvesh', 'get', '/cluster/resources', '--type', 'vmm'])).toMatch(/^400 Parameter verification failed\.\ntype: /);
    expect(c(['/sbin/qm', 'start', 'x'])).toMatch(/vmid: type check \('integer'\) failed - got 'x'/);
  });

  it('refuses an unknown or misspelt option the way Getopt::Long does, naming it', () => {
    expect(c(['pct', 'create', '100', T, '--hostnme', 'pmg-lib'])).toBe(`Unknown option: hostnme\n400 unable to parse option\n${PCT_USAGE}`);
    expect(c(['pct', 'create', '100', T, '--bogus=1'])).toBe(`Unknown option: bogus\n400 unable to parse option\n${PCT_USAGE}`);
    // net[n] exists for n < 32 (pve-container's MAX_LXC_NETWORKS), not for a name without index
    expect(c(['pct', 'create', '100', T, '--net31', 'name=eth0'])).toBeUndefined();
    expect(c(['pct', 'create', '100', T, '--net32', 'name=eth0'])).toBe(`Unknown option: net32\n400 unable to parse option\n${PCT_USAGE}`);
    expect(c(['pct', 'create', '100', T, '--net', 'name=eth0'])).toMatch(/^Unknown option: net\n/);
    expect(c(['pct', 'create', '100', T, '--onboot1', '1'])).toMatch(/^Unknown option: onboot1\n/);
    expect(c(['pct', 'create', '100', T, '--x-net0', 'name=eth0'])).toMatch(/^Unknown option: x-net0\n/);
    expect(c(['pct', 'create', '100', T, '--net0x', 'name=eth0'])).toMatch(/^Unknown option: net0x\n/);
  });

  it('a boolean takes the next word unless it looks like an option (Getopt::Long `:s`)', () => {
    expect(c(['pct', 'create', '100', T, '--unprivileged', '1x'])).toBe(param(PCT_USAGE, "unprivileged: type check ('boolean') failed - got '1x'"));
    expect(c(['pct', 'create', '--unprivileged', '100', T])).toBe(`400 not enough arguments\n${PCT_USAGE}`);
    expect(c(['pct', 'create', '100', T, '--unprivileged', '--', 'x'])).toBe(`400 too many arguments\n${PCT_USAGE}`);
    expect(c(['pct', 'create', '100', '--unprivileged', '-onboot', '1', T])).toBeUndefined();
    expect(c(['pct', 'create', '100', '--unprivileged', '-onboot', T])).toBe(`400 not enough arguments\n${PCT_USAGE}`);
    // PBS's CLI takes the next word only when it is a boolean
    expect(c(['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', '--enable', 'pve'])).toBeUndefined();
    expect(c(['proxmox-backup-manager', 'user', 'generate-token', 'root@pam', 'pve', '--enable', 'no'])).toBeUndefined();
  });

  it('refuses an option without its value, and a duplicated option', () => {
    expect(c(['pct', 'create', '100', T, '--hostname'])).toBe(`Option hostname requires an argument\n400 unable to parse option\n${PCT_USAGE}`);
    // stricter than Getopt::Long (which keeps the last value), on purpose: which value was meant?
    expect(c(['pct', 'create', '100', T, '--memory', '512', '--memory=1024'])).toBe(param(PCT_USAGE, 'memory: duplicate parameter'));
  });

  it('counts positional arguments like get_options', () => {
    expect(c(['pct', 'start'])).toBe('400 not enough arguments\npct start <vmid> [OPTIONS]\n');
    expect(c(['pct', 'create', '100'])).toBe(`400 not enough arguments\n${PCT_USAGE}`);
    expect(c(['pct', 'start', '100', '101'])).toBe('400 too many arguments\npct start <vmid> [OPTIONS]\n');
    // `--` hands the rest to a command with extra-args (pct exec), and is refused by one without
    expect(c(['pct', 'exec', '100', '--', 'ls', '-l', '--all'])).toBeUndefined();
    expect(c(['pct', 'start', '100', '--', 'ls'])).toBe('400 too many arguments\npct start <vmid> [OPTIONS]\n');
    expect(c(['pct', 'start', '100', '--'])).toBeUndefined();
    expect(c(['qm', 'guest', 'exec', '101', '--', 'nixos-rebuild', 'switch'])).toBeUndefined();
    expect(c(['qm', 'guest', 'exec', '101', '--timeout', '-1', '--', 'true'])).toMatch(/timeout: value must have a minimum value of 0/);
  });

  it('checks the positional values against their schema (pve-vmid: an integer 100..999999999)', () => {
    expect(c(['pct', 'start', '99'])).toBe('400 Parameter verification failed.\nvmid: value must have a minimum value of 100\npct start <vmid> [OPTIONS]\n');
    expect(c(['pct', 'start', '999999999'])).toBeUndefined();
    expect(c(['pct', 'start', '1000000000'])).toMatch(/vmid: value must have a maximum value of 999999999/);
    expect(c(['qmrestore', '101', '/var/lib/vz/dump/vzdump-qemu-101.vma.zst'])).toMatch(/^400 Parameter verification failed\.\nvmid: type check \('integer'\) failed - got '\/var\/lib\/vz\/dump\/vzdump-qemu-101\.vma\.zst'\nqmrestore <archive> <vmid> \[OPTIONS\]\n$/);
    expect(c(['qmrestore', '/var/lib/vz/dump/vzdump-qemu-101.vma.zst', '101', '--storage', 'local-lvm', '--unique', '1'])).toBeUndefined();
  });

  it('finds the longest sub-command, follows aliases, and refuses an unknown one', () => {
    expect(c(['pct', 'frobnicate', '100'])).toBe("unknown command 'pct frobnicate'\nUSAGE: pct <COMMAND> [ARGS] [OPTIONS]\n");
    expect(c(['qm'])).toBe("unknown command 'qm '\nUSAGE: qm <COMMAND> [ARGS] [OPTIONS]\n");
    // qm disk resize <vmid> <disk> <size>: size is \+?\d+(\.\d+)?[KMGT]?
    expect(c(['qm', 'disk', 'resize', '101', 'scsi0', '+8G'])).toBeUndefined();
    expect(c(['qm', 'disk', 'resize', '101', 'scsi0', '8 GB'])).toMatch(/size: value does not match the regex pattern/);
    // qm resize is the old name of qm disk resize: same arguments, same checks
    expect(c(['qm', 'resize', '101', 'scsi0', '8 GB'])).toMatch(/size: value does not match the regex pattern\nqm resize <vmid> <disk> <size> \[OPTIONS\]\n$/);
    expect(c(['pveam', 'download', 'local', 'debian-13-standard_13.1-2_amd64.tar.zst'])).toBeUndefined();
    expect(c(['pveam', 'available', '--section', 'system'])).toBeUndefined();
    expect(c(['pveam', 'available', '--section', 'sytem'])).toBe("400 Parameter verification failed.\nsection: value 'sytem' does not have a value in the enumeration 'system, mail, turnkeylinux'\npveam available  [OPTIONS]\n");
    // methods whose schema the extraction could not follow are not checked (qm guest cmd, and qm agent, its old name)
    expect(c(['qm', 'guest', 'cmd', '101', 'ping', '--bogus'])).toBeUndefined();
    expect(c(['qm', 'agent', '101', 'ping', '--bogus'])).toBeUndefined();
    // pct resize: the disk key list is computed at run time upstream (not checked), the size is
    expect(c(['pct', 'resize', '100', 'rootfs', '+2G'])).toBeUndefined();
    expect(c(['pct', 'resize', '100', 'rootfs', '2 GB'])).toMatch(/size: value does not match the regex pattern/);
    // pct exec takes the rest as extra-args even without `--`
    expect(c(['pct', 'exec', '100', 'true'])).toBeUndefined();
    // commands the simulator does not model are not its business
    expect(c(['ls', '-l'])).toBeUndefined();
    expect(c([])).toBeUndefined();
  });
});

describe.each(RELEASES)('PVE %s: values against their types', (release) => {
  const p = (...opts: string[]) => check(['pct', 'create', '100', T, ...opts], release);
  const q = (...opts: string[]) => check(['qm', 'set', '101', ...opts], release);

  it('booleans: 0/1/on/off/yes/no/true/false in any case (parse_boolean), nothing else', () => {
    for (const ok of ['0', '1', 'on', 'OFF', 'Yes', 'no', 'true', 'FALSE']) expect(p('--onboot', ok), ok).toBeUndefined();
    for (const ok of ['on', 'No']) expect(p(`--onboot=${ok}`), ok).toBeUndefined();
    expect(p('--onboot=maybe')).toBe(param(PCT_USAGE, "onboot: type check ('boolean') failed - got 'maybe'"));
    expect(p('--onboot=2')).toMatch(/onboot: type check \('boolean'\) failed - got '2'/);
    expect(p('--onboot=yess')).toMatch(/onboot: type check \('boolean'\) failed - got 'yess'/);
    expect(p('--onboot=xyes')).toMatch(/onboot: type check \('boolean'\) failed - got 'xyes'/);
    // inside a property string too
    expect(q('--net0', 'virtio,bridge=vmbr0,firewall=1')).toBeUndefined();
    expect(q('--net0', 'virtio,bridge=vmbr0,firewall=maybe')).toBe(param(QM_SET_USAGE, "net0: invalid format - firewall: type check ('boolean') failed - got 'maybe'"));
  });

  it('integers and numbers, with their minimum and maximum (boundaries included)', () => {
    expect(p('--memory', '16')).toBeUndefined();
    // is_integer / is_number take a sign; a number may be written 1., .5 or with an exponent
    expect(p('--memory', '+512')).toBeUndefined();
    for (const ok of ['+1.5', '2.', '.5', '1e2', '-0']) expect(q('--net0', `virtio,bridge=vmbr0,rate=${ok}`), ok).toBeUndefined();
    expect(p('--memory', '15')).toBe(param(PCT_USAGE, 'memory: value must have a minimum value of 16'));
    expect(p('--memory', 'lots')).toBe(param(PCT_USAGE, "memory: type check ('integer') failed - got 'lots'"));
    expect(p('--memory', '1.5')).toMatch(/memory: type check \('integer'\) failed - got '1\.5'/);
    expect(p('--memory', '512MB')).toMatch(/memory: type check \('integer'\) failed/);
    expect(p('--memory', 'x512')).toMatch(/memory: type check \('integer'\) failed/);
    expect(p('--cores', '8192')).toBeUndefined();
    expect(p('--cores', '8193')).toBe(param(PCT_USAGE, 'cores: value must have a maximum value of 8192'));
    expect(p('--cores', '0')).toMatch(/cores: value must have a minimum value of 1/);
    // every refused option is listed, one per line
    expect(p('--memory', '1', '--cores', '0')).toBe(param(PCT_USAGE, 'memory: value must have a minimum value of 16', 'cores: value must have a minimum value of 1'));
    for (const ok of ['12.25', '12.', '.25', '12', '1e-2', '1E+12', '1e12']) expect(q('--net0', `virtio,bridge=vmbr0,rate=${ok}`), ok).toBeUndefined();
    expect(q('--net0', 'virtio,bridge=vmbr0,rate=1e')).toMatch(/rate: type check/);
    expect(p('--swap', '0')).toBeUndefined();
    expect(p('--swap', '-1')).toMatch(/swap: value must have a minimum value of 0/);
    // qm net: tag 1..4094, queues 0..64, rate a number (Mbps, fractions allowed)
    expect(q('--net0', 'virtio,bridge=vmbr0,tag=4094,queues=64,rate=12.5')).toBeUndefined();
    expect(q('--net0', 'virtio,bridge=vmbr0,tag=1')).toBeUndefined();
    expect(q('--net0', 'virtio,bridge=vmbr0,tag=4095')).toBe(param(QM_SET_USAGE, 'net0: invalid format - tag: value must have a maximum value of 4094'));
    expect(q('--net0', 'virtio,bridge=vmbr0,tag=0')).toMatch(/net0: invalid format - tag: value must have a minimum value of 1\n/);
    expect(q('--net0', 'virtio,bridge=vmbr0,queues=65')).toMatch(/queues: value must have a maximum value of 64/);
    expect(q('--net0', 'virtio,bridge=vmbr0,rate=fast')).toMatch(/net0: invalid format - rate: type check \('number'\) failed - got 'fast'/);
    expect(q('--net0', 'virtio,bridge=vmbr0,rate=1.5.5')).toMatch(/rate: type check \('number'\) failed/);
    // pve-storage's prune-backups keep-* have minimum 0 (written as a string in the Perl source)
    expect(check(['pvesh', 'set', '/cluster/backup/nightly', '--prune-backups', 'keep-daily=0,keep-weekly=4'], release)).toBeUndefined();
    expect(check(['pvesh', 'set', '/cluster/backup/nightly', '--prune-backups', 'keep-daily=-1'], release)).toMatch(/prune-backups: invalid format - keep-daily: value must have a minimum value of 0/);
  });

  it('enumerations, lengths and patterns', () => {
    expect(p('--ostype', 'debian')).toBeUndefined();
    expect(p('--ostype', 'windows')).toBe(param(PCT_USAGE, "ostype: value 'windows' does not have a value in the enumeration 'debian, devuan, ubuntu, centos, fedora, opensuse, archlinux, alpine, gentoo, nixos, unmanaged'"));
    // hostname: dns-name of at most 255 characters
    const label = 'a'.repeat(63);
    const name255 = [label, label, label, 'b'.repeat(63)].join('.');
    expect(name255).toHaveLength(255);
    expect(p('--hostname', name255)).toBeUndefined();
    expect(p('--hostname', `${name255}c`)).toBe(param(PCT_USAGE, 'hostname: value may only be 255 characters long'));
    // password: at least 5 characters
    expect(p('--password', 'abcde')).toBeUndefined();
    expect(p('--password', 'abcd')).toBe(param(PCT_USAGE, 'password: value must be at least 5 characters long'));
    // dev[n] mode: 0[0-7]{3}, anchored at both ends
    expect(p('--dev0', '/dev/kvm,mode=0660')).toBeUndefined();
    expect(p('--dev0', '/dev/kvm,mode=660')).toBe(param(PCT_USAGE, 'dev0: invalid format - mode: value does not match the regex pattern'));
    expect(p('--dev0', '/dev/kvm,mode=06600')).toMatch(/mode: value does not match the regex pattern/);
    expect(p('--dev0', '/dev/kvm,mode=x0660')).toMatch(/mode: value does not match the regex pattern/);
    // net name: [-_.\w\d]+
    expect(p('--net0', 'name=eth 0,bridge=vmbr0')).toMatch(/net0: invalid format - name: value does not match the regex pattern/);
  });

  it('named formats: tags, configids, vmid lists, days of the week, MACs, e-mail', () => {
    expect(p('--tags', 'netsetup;pmg,Mail_1 a+b.c')).toBeUndefined();
    expect(p('--tags', 'netsetup;pm!g')).toBe(param(PCT_USAGE, "tags: invalid format - value does not match the format 'pve-tag'"));
    expect(p('--tags', '-lead')).toMatch(/tags: invalid format/);
    // qm set --delete: a pve-configid list
    expect(q('--delete', 'net1,onboot;ipconfig0 agent')).toBeUndefined();
    expect(q('--delete', 'net1,Net2')).toBe(param(QM_SET_USAGE, "delete: invalid format - value does not match the format 'pve-configid'"));
    expect(q('--delete', '1net')).toMatch(/delete: invalid format/);
    expect(q('--delete', 'x')).toMatch(/delete: invalid format/);
    // vzdump job: a vmid list, days of the week
    const job = (...o: string[]) => check(['pvesh', 'create', '/cluster/backup', '--schedule', 'sat 18:15', ...o], release);
    expect(job('--vmid', '100,101;102', '--dow', 'mon,fri', '--storage', 'pbs-backup')).toBeUndefined();
    expect(job('--vmid', '100,,101;; 102', '--dow', ',mon')).toBeUndefined();
    expect(job('--vmid', '100,99')).toMatch(/^400 Parameter verification failed\.\nvmid: invalid format - value does not match the format 'pve-vmid'\n$/);
    expect(job('--vmid', '0100')).toMatch(/vmid: invalid format/);
    expect(job('--dow', 'monday')).toMatch(/dow: invalid format - value does not match the format 'pve-day-of-week'/);
    expect(job('--mailto', 'ops@example.com,root')).toBeUndefined();
    expect(check(['pvesh', 'create', '/cluster/backup', '--schedule', 'every night'], release)).toMatch(/schedule: invalid format - value does not match the format 'pve-calendar-event'/);
    expect(job('--mailto', 'ops@example..com')).toMatch(/mailto: invalid format - value does not match the format 'email-or-username'/);
    expect(job('--mailto', 'root admin')).toBeUndefined();
    expect(job('--mailto', 'ro/ot')).toMatch(/mailto: invalid format/);
    expect(job('--storage', '1pbs')).toMatch(/storage: invalid format - value does not match the format 'pve-storage-id'/);
    expect(job('--storage', 'pbs-')).toMatch(/storage: invalid format/);
    // mac-addr: unicast only (the I/G bit, the lowest bit of the first octet, clear)
    expect(p('--net0', 'name=eth0,bridge=vmbr0,hwaddr=BC:24:11:00:00:01')).toBeUndefined();
    expect(p('--net0', 'name=eth0,bridge=vmbr0,hwaddr=bc:24:11:0a:0b:0c')).toBeUndefined();
    expect(p('--net0', 'name=eth0,bridge=vmbr0,hwaddr=BD:24:11:00:00:01')).toMatch(/net0: invalid format - hwaddr: invalid format - value does not match the format 'mac-addr'/);
    expect(p('--net0', 'name=eth0,bridge=vmbr0,hwaddr=bc:24:11:00:00')).toMatch(/hwaddr: invalid format/);
  });

  it('addresses: IPv4, CIDR with a prefix of 8 to 32, IPv6, dhcp/manual/auto', () => {
    const net = (s: string) => p('--net0', `name=eth0,bridge=vmbr0,${s}`);
    for (const ok of ['ip=10.0.0.3/24,gw=10.0.0.1', 'ip=192.168.1.60/8', 'ip=255.255.255.255/32', 'ip=dhcp', 'ip=manual', 'ip6=auto', 'ip6=dhcp', 'ip6=manual', 'ip6=fd00::5/64,gw6=fd00::1', 'ip6=2001:db8:0:1:2:3:4:5/128', 'ip6=::/8', 'gw=0.0.0.0']) {
      expect(net(ok), ok).toBeUndefined();
    }
    for (const bad of ['ip=x/10.0.0.1/24', 'ip=dhcpx', 'ip=xdhcp', 'ip=manual1', 'ip6=autox', 'ip6=xauto', 'ip6=dhcp6', 'ip=10.0.0.300/24', 'ip=10.0.0.3', 'ip=10.0.0.3/33', 'ip=10.0.0.3/7', 'ip=10.0.0.3/24/1', 'ip=10.0.0.3/x', 'ip=auto', 'ip=fd00::5/64', 'gw=10.0.0', 'gw=fd00::1', 'ip6=fd00::5/129', 'ip6=fd00::5/7', 'ip6=fd00::5', 'ip6=10.0.0.3/24', 'gw6=fd00::1::2', 'gw6=fe80::1%eth0', 'gw6=1:2:3:4:5:6:7:8:9', 'gw6=12345::1', 'gw6=fd00:::1', 'gw6=10.0.0.1']) {
      expect(net(bad), bad).toMatch(/^400 Parameter verification failed\.\nnet0: invalid format - (ip|gw|ip6|gw6): invalid format - value does not match the format '(pve-ipv4-config|ipv4|pve-ipv6-config|ipv6)'\n/);
    }
    // qm ipconfig: the same address formats
    expect(q('--ipconfig0', 'ip=10.0.0.5/24,gw=10.0.0.1')).toBeUndefined();
    expect(q('--ipconfig0', 'ip=10.0.0.5/3')).toMatch(/ipconfig0: invalid format - /);
    // ipconfig[n] exists for n < 32
    expect(q('--ipconfig31', 'ip=dhcp')).toBeUndefined();
    expect(q('--ipconfig32', 'ip=dhcp')).toMatch(/^Unknown option: ipconfig32\n/);
  });

  it('IPv6 addresses: the RFC 4291 text forms, as Node reads them, without a zone id ($IPV6RE has none)', () => {
    const forms = ['::', '::1', '1::', 'fe80::1:2:3:4:5:6', '1:2:3:4:5:6:7::', '::ffff:192.0.2.1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:192.0.2.1', '1:2:3:4:5:6:7:192.0.2.1', '::1:2:3:4:5:6:7', '1:2:3:4:5:6:7::8', ':1::', '1:::2', '::192.0.2.1', '1::2:3:4:5:6:7', 'a:b:c:d:e:f:1.2.3.4', 'a::b:c:d:e:1.2.3.4', '1:2::3:4:5:6:7', '1:2:3::4:5:6', 'ABCD:ef01::', '1:2:3:4:5::', '1:2:3:4:5:6::', '1:2:3:4::5', '::1.2.3', '1.2.3.4'];
    for (const f of forms) {
      const accepted = p('--net0', `name=eth0,bridge=vmbr0,gw6=${f}`) === undefined;
      expect(accepted, f).toBe(isIPv6(f));
    }
    expect(isIPv6('fe80::1%eth0')).toBe(true);
    expect(p('--net0', 'name=eth0,bridge=vmbr0,gw6=fe80::1%eth0')).toMatch(/gw6: invalid format/);
  });

  it('volume ids: <storage>:<volume> (pve-storage parse_volume_id)', () => {
    expect(p('--hookscript', 'local:snippets/hook.pl')).toBeUndefined();
    expect(p('--hookscript', 'local-lvm.2:snippets/hook.pl')).toBeUndefined();
    for (const bad of ['/var/lib/vz/snippets/hook.pl', 'local:', '1local:snippets/hook.pl', 'local-:snippets/hook.pl', 'lo cal:snippets/hook.pl', 'l:snippets/hook.pl', ':x']) {
      expect(p('--hookscript', bad), bad).toBe(param(PCT_USAGE, "hookscript: invalid format - value does not match the format 'pve-volume-id'"));
    }
  });

  it('dns names and disk sizes', () => {
    for (const ok of ['pmg-lib', 'mail.example.com', 'a', '0x', 'x-1.y-2']) expect(p('--hostname', ok), ok).toBeUndefined();
    for (const bad of ['-pmg', 'pmg-', 'a..b', 'under_score', '.lead', 'trail.', 'sp ace']) {
      expect(p('--hostname', bad), bad).toBe(param(PCT_USAGE, "hostname: invalid format - value does not match the format 'dns-name'"));
    }
    // rootfs: <storage>:<size in GiB> or a volume, size= as parse_size reads it
    expect(p('--rootfs', 'local-lvm:10')).toBeUndefined();
    for (const ok of ['8', '8G', '1.5T', '1.25G', '512M', '10GiB', '4KiB']) expect(p('--rootfs', `local-lvm:vm-100-disk-0,size=${ok}`), ok).toBeUndefined();
    for (const bad of ['8GB', '8g', '1.5.5G', 'G', '-8G', '8 G']) expect(p('--rootfs', `local-lvm:vm-100-disk-0,size=${bad}`), bad).toMatch(/rootfs: invalid format - size: invalid format - value does not match the format 'disk-size'/);
  });
});

describe.each(RELEASES)('PVE %s: property strings (PVE::JSONSchema::parse_property_string)', (release) => {
  const p = (...opts: string[]) => check(['pct', 'create', '100', T, ...opts], release);
  const q = (...opts: string[]) => check(['qm', 'set', '101', ...opts], release);

  it('refuses an unknown key, a duplicated key and a missing required key, naming them', () => {
    expect(q('--net0', 'virtio,bridge=vmbr0,bogus=1')).toBe(param(QM_SET_USAGE, "net0: invalid format - property 'bogus' is not defined in the format"));
    expect(p('--net0', 'name=eth0,brige=vmbr0')).toMatch(/net0: invalid format - property 'brige' is not defined in the format/);
    expect(p('--net0', 'name=eth0,bridge=vmbr0,bridge=vmbr1')).toBe(param(PCT_USAGE, 'net0: duplicate key in comma-separated list property: bridge'));
    // pct's net needs a name; qm's net needs a model
    expect(p('--net0', 'bridge=vmbr0')).toBe(param(PCT_USAGE, "net0: invalid format - property 'name' is missing"));
    expect(q('--net0', 'bridge=vmbr0')).toMatch(/net0: invalid format - property 'model' is missing/);
    // a value without key needs a default key: pct's net has none
    expect(p('--net0', 'eth0,bridge=vmbr0')).toBe(param(PCT_USAGE, 'net0: value without key, but schema does not define a default key'));
    // features: known flags only, typed
    expect(p('--features', 'nesting=1,keyctl=1')).toBeUndefined();
    expect(p('--features', 'nesting=1,nestling=1')).toMatch(/features: invalid format - property 'nestling' is not defined in the format/);
    expect(p('--features', 'nesting=maybe')).toMatch(/features: invalid format - nesting: type check \('boolean'\) failed - got 'maybe'/);
    // empty parts are skipped
    expect(p('--features', 'nesting=1,,keyctl=0')).toBeUndefined();
  });

  it('the default key takes a bare value once; qm net takes model=MAC as model plus macaddr', () => {
    expect(q('--agent', '1')).toBeUndefined();
    expect(q('--agent', '1,fstrim_cloned_disks=1,type=virtio')).toBeUndefined();
    expect(q('--agent', 'enabled=1,type=isa')).toBeUndefined();
    expect(q('--agent', '1,type=usb')).toMatch(/agent: invalid format - type: value 'usb' does not have a value in the enumeration 'virtio, isa'/);
    expect(q('--agent', '1,0')).toBe(param(QM_SET_USAGE, 'agent: duplicate key in comma-separated list property: enabled'));
    expect(q('--agent', 'enabled=1,1')).toMatch(/agent: duplicate key in comma-separated list property: enabled/);
    expect(q('--agent', 'fstrim_cloned_disks=1')).toMatch(/agent: invalid format - property 'enabled' is missing/);
    expect(q('--agent', '1,freeze-fs-on-backup=0')).toBeUndefined();
    if (release === '9') {
      // qemu-server 9: freeze-fs-on-backup and guest-fsfreeze became aliases of freeze-fs
      expect(q('--agent', '1,guest-fsfreeze=maybe')).toMatch(/agent: invalid format - freeze-fs: type check \('boolean'\) failed - got 'maybe'/);
      expect(q('--agent', '1,freeze-fs=0,guest-fsfreeze=1')).toMatch(/agent: duplicate key in comma-separated list property: freeze-fs/);
    } else {
      expect(q('--agent', '1,freeze-fs-on-backup=maybe')).toMatch(/agent: invalid format - freeze-fs-on-backup: type check \('boolean'\) failed - got 'maybe'/);
      expect(q('--agent', '1,guest-fsfreeze=1')).toMatch(/agent: invalid format - property 'guest-fsfreeze' is not defined in the format/);
    }
    // qm net: `virtio=MAC` sets the model and the MAC; the model once only
    expect(q('--net0', 'virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1')).toBeUndefined();
    expect(q('--net0', 'model=virtio,macaddr=BC:24:11:00:00:01,bridge=vmbr0')).toBeUndefined();
    expect(q('--net0', 'virtio=BD:24:11:00:00:01,bridge=vmbr0')).toMatch(/net0: invalid format - macaddr: invalid format - value does not match the format 'mac-addr'/);
    expect(q('--net0', 'virtio=BC:24:11:00:00:01,model=e1000')).toMatch(/net0: duplicate key in comma-separated list property: model/);
    expect(q('--net0', 'virtio=BC:24:11:00:00:01,macaddr=BC:24:11:00:00:02')).toMatch(/net0: duplicate key in comma-separated list property: macaddr/);
    expect(q('--net0', 'virtio,e1000')).toMatch(/net0: duplicate key in comma-separated list property: model/);
    expect(q('--net0', 'virtioo,bridge=vmbr0')).toMatch(/net0: invalid format - model: value 'virtioo' does not have a value in the enumeration/);
    expect(q('--net0', 'virtioo=BC:24:11:00:00:01,bridge=vmbr0')).toMatch(/net0: invalid format - property 'virtioo' is not defined in the format/);
  });

  it('parts are split at every comma (quotes are not special), blank parts skipped, key and value both non-empty', () => {
    expect(p('--features', 'mount=nfs;cifs,nesting=1')).toBeUndefined();
    expect(p('--features', 'mount="nfs;cifs"')).toMatch(/features: invalid format - mount: value does not match the regex pattern/);
    expect(p('--features', 'mount=nfs,cifs')).toMatch(/features: value without key, but schema does not define a default key/);
    expect(p('--features', 'nesting=1, ,keyctl=0')).toBeUndefined();
    expect(p('--net0', 'name=eth0,bridge=')).toBe(param(PCT_USAGE, 'net0: missing key in comma-separated list property'));
    expect(p('--net0', 'name=eth0,=vmbr0')).toMatch(/net0: missing key in comma-separated list property/);
    expect(q('--net0', '=virtio,bridge=vmbr0')).toMatch(/net0: missing key in comma-separated list property/);
    expect(p('--net0', ',')).toMatch(/net0: invalid format - property 'name' is missing/);
    expect(p('--net0', '=name=eth0,bridge=vmbr0')).toMatch(/net0: missing key in comma-separated list property/);
    expect(p('--net0', 'name=eth0,bridge=a=b')).toMatch(/net0: invalid format - bridge: value does not match the regex pattern/);
    // qm net: a model set before `model=MAC` is refused like the keyAlias check does
    expect(q('--net0', 'model=e1000,virtio=BC:24:11:00:00:01')).toMatch(/net0: key alias 'model' is already defined/);
  });
});

describe.each(RELEASES)('PVE %s: pvesh and pmgsh paths', (release) => {
  const c = (argv: string[]) => check(argv, release);

  it('matches the method by verb and path template, with the path parameters', () => {
    expect(c(['pvesh', 'get', '/cluster/resources', '--type', 'vm'])).toBeUndefined();
    expect(c(['pvesh', 'ls', '/cluster/resources/'])).toBeUndefined();
    expect(c(['pvesh', 'get', '/cluster/resources', '--type', 'vms'])).toBe("400 Parameter verification failed.\ntype: value 'vms' does not have a value in the enumeration 'vm, storage, node, sdn'\n");
    expect(c(['pvesh', 'get', '/cluster/resources', '--typ', 'vm'])).toBe('Unknown option: typ\n400 unable to parse option\n');
    expect(c(['pvesh', 'get', '/cluster/resources', 'vm'])).toBe('400 too many arguments\n');
    // a path parameter is checked like an option: {node} is a pve-node name
    expect(c(['pvesh', 'get', '/nodes/pve/status'])).toBeUndefined();
    expect(c(['pvesh', 'get', '/nodes/pve_1/status'])).toMatch(/^400 Parameter verification failed\.\nnode: invalid format - value does not match the format 'pve-node'\n$/);
    // the job id in PUT /cluster/backup/{id}: \S+, at most 50 characters (pve-manager API2/Backup.pm)
    expect(c(['pvesh', 'set', '/cluster/backup/netsetup-nightly', '--schedule', 'sat 18:15'])).toBeUndefined();
    expect(c(['pvesh', 'set', `/cluster/backup/${'j'.repeat(50)}`, '--enabled', '0'])).toBeUndefined();
    expect(c(['pvesh', 'set', `/cluster/backup/${'j'.repeat(51)}`, '--enabled', '0'])).toBe('400 Parameter verification failed.\nid: value may only be 50 characters long\n');
    // a verb the path does not have, an unknown verb, a path the wizard does not use: the handler decides
    expect(c(['pvesh', 'delete', '/cluster/resources'])).toBeUndefined();
    expect(c(['pvesh', 'frob', '/cluster/resources', '--bogus'])).toBeUndefined();
    expect(c(['pvesh', 'get'])).toBeUndefined();
    expect(c(['pvesh', 'get', '/cluster/nothing-here', '--bogus'])).toBeUndefined();
    expect(c(['pvesh', 'get', '/cluster', '--bogus'])).toBeUndefined();
  });

  it('pvesh has --output-format and --noproxy on every path; pmgsh has neither', () => {
    for (const f of ['text', 'json', 'json-pretty', 'yaml']) expect(c(['pvesh', 'get', '/cluster/resources', '--output-format', f]), f).toBeUndefined();
    expect(c(['pvesh', 'get', '/cluster/resources', '--output-format', 'xml'])).toBe("400 Parameter verification failed.\noutput-format: value 'xml' does not have a value in the enumeration 'text, json, json-pretty, yaml'\n");
    expect(c(['pvesh', 'get', '/cluster/resources', '--noproxy', '--type', 'node'])).toBeUndefined();
    expect(c(['pvesh', 'get', '/cluster/resources', '--noproxy=no'])).toBeUndefined();
    expect(c(['pvesh', 'get', '/cluster/resources', '--noproxy=maybe'])).toBe("400 Parameter verification failed.\nnoproxy: type check ('boolean') failed - got 'maybe'\n");
    // an array option (vzdump's exclude-path, given once per path) is not a string to check
    expect(c(['pvesh', 'create', '/cluster/backup', '--schedule', 'sat 18:15', '--exclude-path', '/tmp/x y'])).toBeUndefined();
    expect(c(['pmgsh', 'get', '/config/mail', '--output-format', 'json'])).toBe('Unknown option: output-format\n400 unable to parse option\n');
    expect(c(['pmgsh', 'get', '/config/mail', '--noproxy'])).toMatch(/^Unknown option: noproxy\n/);
  });

  it('pmgsh create /config/mynetworks: a CIDR network, IPv4 or IPv6, prefix from 8', () => {
    const mn = (cidr: string) => c(['pmgsh', 'create', '/config/mynetworks', '--cidr', cidr]);
    for (const ok of ['192.168.1.0/24', '10.0.0.0/8', 'fd00::/64', '2001:db8::/128']) expect(mn(ok), ok).toBeUndefined();
    for (const bad of ['10.0.0.0/7', 'fd00::/7', '192.168.1.0', '192.168.1.0/33', 'fd00::/129', 'lan/24']) expect(mn(bad), bad).toBe("400 Parameter verification failed.\ncidr: invalid format - value does not match the format 'CIDR'\n");
    // the pvesh-only options do not exist for pmgsh, and a path the table lacks is not checked
    expect(c(['pmgsh'])).toBeUndefined();
    expect(c(['pvesh'])).toBeUndefined();
  });

  it('a missing required parameter is named; pmgsh create /config/transport checks domain, host and port', () => {
    const tr = (...o: string[]) => c(['pmgsh', 'create', '/config/transport', ...o]);
    expect(tr('--domain', 'example.com', '--host', '10.0.0.7', '--port', '26', '--use_mx', '0')).toBeUndefined();
    expect(tr('--domain', '.example.com', '--host', 'mail.example.com', '--protocol', 'lmtp')).toBeUndefined();
    expect(tr('--domain', 'example.com')).toBe('400 Parameter verification failed.\nhost: property is missing and it is not optional\n');
    expect(tr('--domain', 'example.com', '--host', '10.0.0.7', '--port', '65536')).toMatch(/port: value must have a maximum value of 65535/);
    expect(tr('--domain', 'example.com', '--host', '10.0.0.7', '--port', '0')).toMatch(/port: value must have a minimum value of 1/);
    expect(tr('--domain', 'example..com', '--host', '10.0.0.7')).toMatch(/domain: invalid format/);
    expect(tr('--domain', 'postmaster@example.com', '--host', 'ipv6:fd00::7')).toBeUndefined();
    expect(tr('--domain', 'post master@example.com', '--host', '10.0.0.7')).toMatch(/domain: invalid format - value does not match the format 'transport-domain-or-email'/);
    expect(tr('--domain', 'example.com', '--host', 'ipv6:10.0.0.7')).toMatch(/host: invalid format/);
    expect(tr('--domain', 'example.com', '--host', 'fd00::7')).toBeUndefined();
    expect(tr('--domain', 'example.com', '--host', 'aipv6::1')).toMatch(/host: invalid format/);
    expect(tr('--domain', 'example.com', '--host', 'mail_host')).toMatch(/host: invalid format - value does not match the format 'transport-address'/);
    expect(tr('--domain', 'example.com', '--host', '10.0.0.7', '--tsl', '1')).toBe('Unknown option: tsl\n400 unable to parse option\n');
  });
});

describe.each(RELEASES)('PVE %s: pvesm add / set (per storage type)', (release) => {
  const FP = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).slice(-2)).join(':');
  const add = (...o: string[]) => check(['pvesm', 'add', 'pbs', 'pbs-backup', '--server', '192.168.1.50', '--datastore', 'backup', ...o], release);

  it('pvesm add pbs: the pbs type options, the storage id, the content list', () => {
    expect(add('--username', 'netsetup@pbs!pve', '--fingerprint', FP, '--content', 'backup')).toBeUndefined();
    expect(add('--content', 'backup,bogus')).toMatch(/content: invalid format - value does not match the format 'pve-storage-content'/);
    expect(add('--path', '/srv')).toMatch(/^Unknown option: path\n400 unable to parse option\npvesm add <type> <storage> \[OPTIONS\]\n$/);
    expect(check(['pvesm', 'add', 'pbs', '1pbs', '--server', '192.168.1.50', '--datastore', 'backup'], release)).toMatch(/storage: invalid format - value does not match the format 'pve-storage-id'/);
    expect(check(['pvesm', 'add', 'pbs', 'pbs-backup', '--server', 'bad_host', '--datastore', 'backup'], release)).toMatch(/server: invalid format - value does not match the format 'pve-storage-server'/);
    expect(check(['pvesm', 'add', 'pbs', 'pbs-backup', '--datastore', 'backup'], release)).toMatch(/server: property is missing and it is not optional/);
    // options may come before the type; an option no storage type has is refused whatever the type
    expect(check(['pvesm', 'add', '--datastore', 'backup', 'pbs', 'pbs-backup', '--server', '192.168.1.50'], release)).toBeUndefined();
    expect(check(['pvesm', 'add', '--datastore', 'backup', 'pbs', 'pbs-backup', '--server', '192.168.1.50', '--path', '/srv'], release)).toMatch(/^Unknown option: path\n/);
    expect(check(['pvesm', 'add', 'pbs', 'pbs-backup', '--bogus', '1'], release)).toBe('Unknown option: bogus\n400 unable to parse option\npvesm add <type> <storage> [OPTIONS]\n');
    // a type the extraction does not cover: not checked here
    expect(check(['pvesm', 'add', 'cephfs', 'x', '--path', '/srv'], release)).toBeUndefined();
    expect(check(['pvesm', 'add'], release)).toBeUndefined();
  });

  it('pvesm set: with the type known, only its options; without, any extracted type', () => {
    expect(validatePvesmSet(['local', '--content', 'iso,vztmpl,backup'], 'dir', release)).toBeUndefined();
    // pve-storage verify_content: the content types of a dir storage, and none
    for (const t of ['images', 'rootdir', 'vztmpl', 'iso', 'backup', 'snippets', 'none', ...(release === '9' ? ['import'] : [])]) expect(validatePvesmSet(['local', '--content', t], 'dir', release), t).toBeUndefined();
    expect(validatePvesmSet(['local', '--content', 'iso,vztmpl,backups'], 'dir', release)?.stderr).toMatch(/content: invalid format/);
    expect(validatePvesmSet(['pbs-backup', '--fingerprint', FP], 'pbs', release)).toBeUndefined();
    expect(validatePvesmSet(['local', '--fingerprint', FP], 'dir', release)?.stderr).toMatch(/^Unknown option: fingerprint\n400 unable to parse option\npvesm set <storage> \[OPTIONS\]\n$/);
    expect(validatePvesmSet(['local', '--delete', 'content', '--digest', 'abc'], 'dir', release)).toBeUndefined();
    expect(validatePvesmSet(['lo cal', '--disable', '1'], 'dir', release)?.stderr).toMatch(/storage: invalid format/);
    expect(validatePvesmSet(['local', '--bogus', '1'], 'cephfs', release)).toBeUndefined();
    expect(check(['pvesm', 'set', 'local', '--fingerprint', FP], release)).toBeUndefined();
    expect(check(['pvesm', 'set', 'local', '--fingerprint', FP, '--content', 'backup,bogus'], release)).toMatch(/content: invalid format/);
    expect(check(['pvesm', 'set', 'local', '--bogus', 'x'], release)).toMatch(/^Unknown option: bogus\n/);
    expect(check(['pvesm', 'set', 'local', '--delete', 'content'], release)).toBeUndefined();
    expect(check(['pvesm', 'set', 'lo cal', '--disable', '1'], release)).toMatch(/storage: invalid format - value does not match the format 'pve-storage-id'/);
    expect(check(['pvesm', 'set'], release)).toMatch(/^400 not enough arguments\npvesm set <storage> \[OPTIONS\]\n$/);
    // the other pvesm sub-commands go through the CLI table
    expect(check(['pvesm', 'status', '--storage', 'local'], release)).toBeUndefined();
    expect(check(['pvesm', 'status', '--storag', 'local'], release)).toMatch(/^Unknown option: storag\n/);
  });
});

describe.each(RELEASES)('PVE %s: proxmox-backup-manager (PBS parameter verification)', (release) => {
  const c = (...argv: string[]) => check(['proxmox-backup-manager', ...argv], release);

  it('user generate-token <userid> <token-name>: their forms, their count', () => {
    expect(c('user', 'generate-token', 'netsetup@pbs', 'pve')).toBeUndefined();
    expect(c('user', 'generate-token', 'root@pam', 'pve_1.x-y')).toBeUndefined();
    expect(c('user', 'generate-token', 'root', 'pve')).toBe("Error: parameter verification errors\n\nparameter 'userid': value 'root' is not a valid userid\n");
    expect(c('user', 'generate-token', 'root@pam', 'bad token')).toMatch(/parameter 'token-name': value 'bad token' is not a valid token name/);
    expect(c('user', 'generate-token', 'root@pam', 'pve!')).toMatch(/parameter 'token-name': value 'pve!' is not a valid token name/);
    expect(c('user', 'generate-token', 'root@pam', '.pve')).toMatch(/parameter 'token-name'/);
    for (const bad of ['ro ot@pam', '@pam', 'root@', 'root@-pam', 'root@pam x', 'a/b@pam', 'root@pam!tok']) expect(c('user', 'generate-token', bad, 'pve'), bad).toMatch(/parameter 'userid': value '.*' is not a valid userid/);
    expect(c('user', 'generate-token', 'root@pam')).toBe("Error: missing parameter 'token-name'\n");
    expect(c('user', 'generate-token', 'root@pam', 'pve', 'extra')).toBe("Error: unexpected argument 'extra'\n");
    expect(c('user', 'generate-token', 'root@pam', 'pve', '--output-format', 'json')).toBe("Error: parameter verification errors\n\nparameter 'output-format': schema does not allow additional properties.\n");
    expect(c('user', 'generate-token', 'root@pam', 'pve', '--expire', '0', '--expire', '1')).toBe("Error: parameter verification errors\n\nparameter 'expire': duplicate parameter\n");
    expect(c('user', 'generate-token', 'root@pam', 'pve', '--expire', '-1')).toMatch(/parameter 'expire': value must have a minimum value of 0/);
    // a sub-command the extraction does not cover: the handler decides
    expect(c('remote', 'list', '--bogus')).toBeUndefined();
  });

  it('acl update: an auth id (user or token)', () => {
    expect(c('acl', 'update', '/datastore/backup', 'DatastoreBackup', '--auth-id', 'netsetup@pbs!pve')).toBeUndefined();
    expect(c('acl', 'update', '/datastore/backup', 'DatastoreBackup', '--auth-id', 'netsetup@pbs')).toBeUndefined();
    for (const bad of ['netsetup@pbs!', 'netsetup@pbs!-x', 'netsetup!pve', 'x netsetup@pbs!pve', 'netsetup@pbs!pve x']) expect(c('acl', 'update', '/datastore/backup', 'DatastoreBackup', '--auth-id', bad), bad).toMatch(/parameter 'auth-id': value '.*' is not a valid authid/);
    expect(c('acl', 'update', '/datastore/backup', 'DatastoreBackup', '--auth-id', 'netsetup@pbs!bad token')).toMatch(/parameter 'auth-id': value 'netsetup@pbs!bad token' is not a valid authid/);
    expect(c('acl', 'update', '/datastore/backup', 'DatastoreBacku', '--auth-id', 'netsetup@pbs')).toMatch(/parameter 'role': value 'DatastoreBacku' does not have a value in the enumeration/);
  });

  it('prune-job create: id and store lengths, keep-* minimum, a calendar event', () => {
    const job = (...o: string[]) => c('prune-job', 'create', 'netsetup-prune', '--store', 'backup', '--schedule', 'daily', ...o);
    expect(job('--keep-daily', '7', '--keep-weekly', '4')).toBeUndefined();
    expect(job('--keep-daily', '0')).toMatch(/parameter 'keep-daily': value must have a minimum value of 1/);
    expect(job('--keep-daily', '0', '--keep-weekly', '0')).toBe("Error: parameter verification errors\n\nparameter 'keep-daily': value must have a minimum value of 1\nparameter 'keep-weekly': value must have a minimum value of 1\n");
    expect(job('--keep-dayly', '7')).toBe("Error: parameter verification errors\n\nparameter 'keep-dayly': schema does not allow additional properties.\n");
    expect(job('--schedule', 'every night')).toMatch(/duplicate parameter/);
    expect(c('prune-job', 'create', 'netsetup-prune', '--store', 'backup', '--schedule', 'every night')).toMatch(/parameter 'schedule': value does not match the format 'calendar event'/);
    expect(c('prune-job', 'create', 'np', '--store', 'backup', '--schedule', 'daily')).toMatch(/parameter 'id': value must be at least 3 characters long/);
    expect(c('prune-job', 'create', 'x'.repeat(33), '--store', 'backup', '--schedule', 'daily')).toMatch(/parameter 'id': value may only be 32 characters long/);
    expect(c('prune-job', 'create', 'x'.repeat(32), '--store', 'backup', '--schedule', 'daily')).toBeUndefined();
    expect(c('prune-job', 'create', 'netsetup-prune', '--schedule', 'daily')).toBe("Error: parameter verification errors\n\nparameter 'store': property is missing and it is not optional\n");
  });
});

describe('isTrue', () => {
  it('reads PVE booleans (parse_boolean) as true only for 1/on/yes/true, in any case', () => {
    for (const t of ['1', 'on', 'YES', 'True']) expect(isTrue(t), t).toBe(true);
    for (const f of ['0', 'off', 'no', 'false', '', 'yes please', 'xtrue', '11']) expect(isTrue(f), f).toBe(false);
  });
});
