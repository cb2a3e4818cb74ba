// The persistent state of one simulated site host: DIR/state.json (atomically replaced),
// DIR/fs/<abs path> (the host's files), DIR/guests/<vmid>/<abs path> (guest files),
// DIR/journal.jsonl. Mutations are serialized by an in-process queue plus a lock file,
// so concurrent branches of one process and commands from several processes (SSH shims) agree.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Storage {
  storage: string;
  type: 'dir' | 'lvmthin' | 'pbs';
  content: string[];
  path?: string;
  total: number;
  used: number;
  server?: string;
  datastore?: string;
  username?: string;
  fingerprint?: string;
  /** `disable 1` in storage.cfg: PVE does not activate it. */
  disable?: boolean;
}

export interface Iface {
  iface: string;
  type: 'bridge' | 'eth';
  active: number;
  autostart?: number;
  cidr?: string;
  address?: string;
  netmask?: string;
  gateway?: string;
  bridge_ports?: string;
}

export interface PmgState {
  domains: { domain: string; comment?: string }[];
  transport: { domain: string; host: string; port: number; protocol: string; use_mx: number; comment?: string }[];
  mynetworks: { cidr: string; comment?: string }[];
  mail: Record<string, string | number>;
  synced: boolean;
}

export interface Guest {
  vmid: number;
  type: 'lxc' | 'qemu';
  status: 'running' | 'stopped';
  /** qemu-server.conf / pct.conf keys in insertion order. */
  config: Record<string, string>;
  /** Epoch ms from which the guest agent answers (VMs). */
  agentReadyAt?: number;
  packages: string[];
  /** Repositories whose package lists apt-get update fetched ("URL SUITE COMPONENT"). */
  aptLists: string[];
  pmg?: PmgState;
  /** Users whose password chpasswd set (never the password itself). */
  passwordsSet?: string[];
  /** Result of the last successful nixos-rebuild switch (VMs). */
  nixos?: { role: string; domain: string; ddns: boolean; generation: number; relayhost?: string };
  /** Services stopped with `systemctl stop` since the guest last started (systemd forgets at boot). */
  stoppedUnits?: string[];
}

export interface SimState {
  version: 1;
  /** Proxmox VE release (states written before releases existed are PVE 8). */
  pveVersion?: PveVersion;
  node: string;
  memoryTotal: number;
  memoryUsed: number;
  rootfs: { total: number; used: number };
  storages: Storage[];
  network: Iface[];
  aplinfo: { section: string; template: string; architecture?: string }[];
  aplUpdated: boolean;
  guests: Record<string, Guest>;
  host: { packages: string[]; aptLists: string[]; stoppedUnits?: string[] };
  pbs: {
    datastores: { name: string; path: string; comment?: string; options?: Record<string, string> }[];
    tokens: string[];
    fingerprint: string;
    acl?: Array<{ path: string; role: string; authId: string }>;
    /** prune-job and verify-job entries (type = the CLI group). */
    jobs?: Array<{ type: string; id: string; [k: string]: string }>;
  };
  backupJobs: Record<string, string | number>[];
  faultsConsumed: string[];
}

/** Customisation of a fresh host (DIR/seed.json or createSimHost overrides). */
export interface SimSeed {
  bridge?: string;
  /** Host address on the bridge, CIDR. Default 192.168.1.10/24. */
  address?: string;
  gateway?: string;
  memoryGiB?: number;
  /** Free GiB on local-lvm. */
  lvmFreeGiB?: number;
  /** Free GiB on the root file system (where /var/lib/proxmox-backup lives). Default 85. */
  rootFreeGiB?: number;
  /** Proxmox VE release of the host. Default: the current release, 9.1. */
  pveVersion?: PveVersion;
  /** Put the NixOS .vma.zst images into /var/lib/vz/dump. Default false, as on a fresh host. */
  images?: boolean;
  /**
   * The repositories as the installer leaves them: pve-enterprise (and ceph enterprise) enabled,
   * so apt-get update fails with 401 without a subscription. Default true. With false the host
   * uses pve-no-subscription instead.
   */
  enterpriseRepo?: boolean;
  /** pveam's catalog has been fetched (pve-daily-update ran). Default true. */
  aplUpdated?: boolean;
}

export const GiB = 1024 ** 3;
export const NODE = 'pve';
export const IMAGE_PATHS = ['/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst', '/var/lib/vz/dump/vzdump-qemu-netsetup-dns.vma.zst'];

export type PveVersion = '9.1' | '8.4';
export const CURRENT_PVE: PveVersion = '9.1';

/**
 * What differs between the releases the simulator offers. Repository files and key paths from
 * pve-manager (configs/pve-sources.sources on master, configs/pve-sources.list on stable-8),
 * pmg-api (src/pmg-sources.sources / pmg-sources.list) and proxmox-backup (etc/pbs-enterprise.list).
 */
export interface ReleaseFacts {
  codename: 'trixie' | 'bookworm';
  debian: '13' | '12';
  /** Package repositories as deb822 .sources files (PVE 9) or one-line .list files (PVE 8). */
  deb822: boolean;
  keyPath: string;
  /** Fingerprint the simulated key file carries; repositories of this suite need it. */
  keyFpr: string;
  pveManager: string;
  kernel: string;
  pbsVersion: string;
  pmgVersion: string;
}

export const RELEASES: Record<PveVersion, ReleaseFacts> = {
  '9.1': {
    codename: 'trixie', debian: '13', deb822: true, keyPath: '/usr/share/keyrings/proxmox-archive-keyring.gpg', keyFpr: 'SIMULATED-TRIXIE-ARCHIVE-KEY-24B30F06ECC1836A4E5EFECBA7BCD1420BFE778E',
    pveManager: '9.1.1/42db4a6cf33dac83', kernel: '6.17.2-1-pve', pbsVersion: '4.0.20-1', pmgVersion: '9.0.2',
  },
  '8.4': {
    codename: 'bookworm', debian: '12', deb822: false, keyPath: '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg', keyFpr: 'F4E136C67CDCE41AE6DE6FC81140AF8F639E0C39',
    pveManager: '8.4.14/b502d23c55afcba1', kernel: '6.8.12-15-pve', pbsVersion: '3.4.7-1', pmgVersion: '8.2.7',
  },
};

/** Codename -> the key fingerprint its Proxmox repositories are signed with. */
export const SUITE_KEYS: Record<string, string> = Object.fromEntries(Object.values(RELEASES).map((r) => [r.codename, r.keyFpr]));

export function releaseOf(st: SimState): ReleaseFacts {
  return RELEASES[st.pveVersion ?? '8.4'];
}

/** The schema release (major version) of the host. */
export function schemaRelease(st: SimState): '9' | '8' {
  return (st.pveVersion ?? '8.4').startsWith('9') ? '9' : '8';
}

export function debianList(codename: string): string {
  return `http://deb.debian.org/debian ${codename} main`;
}

export function statePath(dir: string): string {
  return join(dir, 'state.json');
}

/** Absolute path of a file inside the host (`sys` undefined) or a guest. */
export function fsPath(dir: string, path: string, vmid?: number): string {
  const rel = path.replace(/^\/+/, '');
  return vmid === undefined ? join(dir, 'fs', rel) : join(dir, 'guests', String(vmid), rel);
}

function mask(prefix: number): string {
  const m = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (m >>> s) & 255).join('.');
}

/** The template catalogue (aplinfo) a current host downloads: both Debian releases are offered. */
function catalogue(): SimState['aplinfo'] {
  return [
    { section: 'system', template: 'almalinux-9-default_20240911_amd64.tar.xz' },
    { section: 'system', template: 'debian-11-standard_11.7-1_amd64.tar.zst' },
    { section: 'system', template: 'debian-12-standard_12.7-1_amd64.tar.zst' },
    { section: 'system', template: 'debian-12-standard_12.12-1_amd64.tar.zst' },
    { section: 'system', template: 'debian-13-standard_13.1-2_amd64.tar.zst' },
    { section: 'system', template: 'ubuntu-24.04-standard_24.04-2_amd64.tar.zst' },
    { section: 'mail', template: 'proxmox-mailgateway-8.2-standard_8.2-1_amd64.tar.zst' },
    { section: 'turnkeylinux', template: 'debian-12-turnkey-core_18.0-1_amd64.tar.gz' },
  ].map((a) => ({ ...a, architecture: 'amd64' }));
}

export function freshState(seed: SimSeed): SimState {
  const pveVersion = seed.pveVersion ?? CURRENT_PVE;
  if (!RELEASES[pveVersion]) throw new Error(`seed.json: pveVersion must be one of ${Object.keys(RELEASES).join(', ')} (got ${String(pveVersion)})`);
  const rel = RELEASES[pveVersion];
  const cidr = seed.address ?? '192.168.1.10/24';
  const [address, prefix] = cidr.split('/') as [string, string];
  return {
    version: 1,
    pveVersion,
    node: NODE,
    memoryTotal: (seed.memoryGiB ?? 64) * GiB,
    memoryUsed: 3.2 * GiB,
    rootfs: { total: 94 * GiB, used: 94 * GiB - (seed.rootFreeGiB ?? 85) * GiB },
    storages: [
      { storage: 'local', type: 'dir', content: ['iso', 'vztmpl', 'backup'], path: '/var/lib/vz', total: 94 * GiB, used: 9 * GiB },
      { storage: 'local-lvm', type: 'lvmthin', content: ['rootdir', 'images'], total: 800 * GiB, used: 800 * GiB - (seed.lvmFreeGiB ?? 780) * GiB },
    ],
    network: [
      { iface: 'eno1', type: 'eth', active: 1, autostart: 0 },
      {
        iface: seed.bridge ?? 'vmbr0', type: 'bridge', active: 1, autostart: 1, bridge_ports: 'eno1',
        cidr, address, netmask: mask(Number(prefix)), gateway: seed.gateway ?? '192.168.1.1',
      },
    ],
    aplinfo: catalogue(),
    aplUpdated: seed.aplUpdated ?? true,
    guests: {},
    host: { packages: ['pve-manager', 'proxmox-ve', 'postfix', 'openssh-server'], aptLists: [debianList(rel.codename), ...(seed.enterpriseRepo ?? true ? [] : [`http://download.proxmox.com/debian/pve ${rel.codename} pve-no-subscription`])] },
    pbs: { datastores: [], tokens: [], fingerprint: '' },
    backupJobs: [],
    faultsConsumed: [],
  };
}

export function writeHostFile(dir: string, path: string, content: string | Buffer, mode = 0o644, vmid?: number): void {
  const p = fsPath(dir, path, vmid);
  mkdirSync(join(p, '..'), { recursive: true });
  const tmp = `${p}.sim-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, content, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, p);
}

export function osRelease(rel: ReleaseFacts): string {
  return `PRETTY_NAME="Debian GNU/Linux ${rel.debian} (${rel.codename})"\nNAME="Debian GNU/Linux"\nVERSION_ID="${rel.debian}"\nVERSION_CODENAME=${rel.codename}\nID=debian\n`;
}

/** A Proxmox repository in the release's own file format (deb822 on PVE 9, one-line on PVE 8). */
export function repoFileText(rel: ReleaseFacts, url: string, component: string): string {
  return rel.deb822 ? `Types: deb\nURIs: ${url}\nSuites: ${rel.codename}\nComponents: ${component}\nSigned-By: ${rel.keyPath}\n` : `deb ${url} ${rel.codename} ${component}\n`;
}

/** Files of a host as the Proxmox VE installer leaves them. */
function seedFiles(dir: string, seed: SimSeed): void {
  const rel = RELEASES[seed.pveVersion ?? CURRENT_PVE];
  const ext = rel.deb822 ? 'sources' : 'list';
  const w = (p: string, c: string) => writeHostFile(dir, p, c);
  w('/etc/hostname', `${NODE}\n`);
  w('/etc/os-release', osRelease(rel));
  if (rel.deb822) {
    w('/etc/apt/sources.list.d/debian.sources', `Types: deb\nURIs: http://deb.debian.org/debian\nSuites: ${rel.codename} ${rel.codename}-updates\nComponents: main contrib non-free-firmware\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\nURIs: http://security.debian.org/debian-security\nSuites: ${rel.codename}-security\nComponents: main contrib non-free-firmware\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n`);
  } else {
    w('/etc/apt/sources.list', `deb http://deb.debian.org/debian ${rel.codename} main contrib\ndeb http://deb.debian.org/debian ${rel.codename}-updates main contrib\ndeb http://security.debian.org/debian-security ${rel.codename}-security main contrib\n`);
  }
  if (seed.enterpriseRepo ?? true) {
    w(`/etc/apt/sources.list.d/pve-enterprise.${ext}`, repoFileText(rel, 'https://enterprise.proxmox.com/debian/pve', 'pve-enterprise'));
    w(`/etc/apt/sources.list.d/ceph.${ext}`, repoFileText(rel, `https://enterprise.proxmox.com/debian/ceph-${rel.deb822 ? 'squid' : 'quincy'}`, 'enterprise'));
  } else {
    w(`/etc/apt/sources.list.d/pve-no-subscription.${ext}`, repoFileText(rel, 'http://download.proxmox.com/debian/pve', 'pve-no-subscription'));
  }
  w(rel.keyPath, `SIMULATED OpenPGP keyring\nProxmox ${rel.codename} archive key <proxmox-release@proxmox.com>\nfingerprint ${rel.keyFpr}\n`);
  for (const d of ['/var/lib/vz/dump', '/var/lib/vz/template/cache', '/var/lib/vz/images']) mkdirSync(fsPath(dir, d), { recursive: true });
  if (seed.images ?? false) {
    for (const p of IMAGE_PATHS) {
      const role = p.includes('-mail.') ? 'mail' : 'dns';
      w(p, `SIMULATED-VMA ${JSON.stringify({ role, config: defaultVmaConfig(role) })}\n`);
    }
  }
}

export function defaultVmaConfig(role: string): Record<string, string> {
  return {
    agent: '1', boot: 'order=virtio0', cores: '1', memory: '1024', name: `nixos-netsetup-${role}`,
    net0: 'virtio=00:00:00:00:00:00,bridge=vmbr0,firewall=1', ostype: 'l26', scsihw: 'virtio-scsi-single',
    serial0: 'socket', virtio0: 'local-lvm:vm-9999-disk-0,size=8G', ide2: 'local-lvm:vm-9999-cloudinit,media=cdrom',
  };
}

export function readSeed(dir: string): SimSeed {
  const p = join(dir, 'seed.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as SimSeed) : {};
}

function saveState(dir: string, st: SimState): void {
  const p = statePath(dir);
  const tmp = `${p}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, JSON.stringify(st));
  renameSync(tmp, p);
}

// ---- locking ---------------------------------------------------------------------------------

const queues = new Map<string, Promise<unknown>>();
const STALE_MS = 30_000;

function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true; // being written: not stale
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquireFileLock(dir: string): Promise<() => void> {
  const lock = join(dir, '.lock');
  for (let i = 0; ; i++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        // A process killed inside a transaction leaves its lock: stale once that pid is gone.
        if (Date.now() - statSync(lock).mtimeMs > STALE_MS || !pidAlive(Number(readFileSync(lock, 'utf8')))) rmSync(lock, { force: true });
      } catch {
        /* removed meanwhile */
      }
      await new Promise((r) => setTimeout(r, Math.min(2 + i, 20)));
    }
  }
}

/**
 * Run `fn` with exclusive access to the state of `dir` (created fresh when absent). The state
 * is written back (atomically) when `fn` returns `save: true`.
 */
export async function withState<T>(dir: string, fn: (st: SimState) => { value: T; save: boolean }): Promise<T> {
  const key = resolve(dir);
  const prev = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chained = prev.then(() => mine);
  queues.set(key, chained);
  await prev;
  try {
    mkdirSync(dir, { recursive: true });
    const unlock = await acquireFileLock(dir);
    try {
      let st: SimState;
      let fresh = false;
      if (existsSync(statePath(dir))) st = JSON.parse(readFileSync(statePath(dir), 'utf8')) as SimState;
      else {
        const seed = readSeed(dir);
        st = freshState(seed);
        seedFiles(dir, seed);
        fresh = true;
      }
      const { value, save } = fn(st);
      if (save || fresh) saveState(dir, st);
      return value;
    } finally {
      unlock();
    }
  } finally {
    release();
    if (queues.get(key) === chained) queues.delete(key);
  }
}
