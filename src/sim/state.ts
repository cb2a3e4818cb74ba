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
}

export interface SimState {
  version: 1;
  node: string;
  memoryTotal: number;
  memoryUsed: number;
  rootfs: { total: number; used: number };
  storages: Storage[];
  network: Iface[];
  aplinfo: { section: string; template: string }[];
  aplUpdated: boolean;
  guests: Record<string, Guest>;
  host: { packages: string[]; aptLists: string[] };
  pbs: { datastores: { name: string; path: string; comment?: string }[]; tokens: string[]; fingerprint: string; acl?: Array<{ path: string; role: string; authId: string }> };
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
  /** Put the NixOS .vma.zst images into /var/lib/vz/dump. Default true. */
  images?: boolean;
  /** Leave the pve-enterprise repository enabled (apt-get update then fails with 401). Default false. */
  enterpriseRepo?: boolean;
  /** pveam's catalog has been fetched (pve-daily-update ran). Default true. */
  aplUpdated?: boolean;
}

export const GiB = 1024 ** 3;
export const NODE = 'pve';
export const PROXMOX_KEY_FPR = 'F4E136C67CDCE41AE6DE6FC81140AF8F639E0C39';
export const PROXMOX_KEY_PATH = '/etc/apt/trusted.gpg.d/proxmox-release-bookworm.gpg';
export const IMAGE_PATHS = ['/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst', '/var/lib/vz/dump/vzdump-qemu-netsetup-dns.vma.zst'];
export const DEBIAN_LIST = 'http://deb.debian.org/debian bookworm main';

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

export function freshState(seed: SimSeed): SimState {
  const cidr = seed.address ?? '192.168.1.10/24';
  const [address, prefix] = cidr.split('/') as [string, string];
  return {
    version: 1,
    node: NODE,
    memoryTotal: (seed.memoryGiB ?? 64) * GiB,
    memoryUsed: 3.2 * GiB,
    rootfs: { total: 94 * GiB, used: 9 * GiB },
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
    aplinfo: [
      { section: 'system', template: 'almalinux-9-default_20240911_amd64.tar.xz' },
      { section: 'system', template: 'debian-11-standard_11.7-1_amd64.tar.zst' },
      { section: 'system', template: 'debian-12-standard_12.7-1_amd64.tar.zst' },
      { section: 'system', template: 'ubuntu-24.04-standard_24.04-2_amd64.tar.zst' },
      { section: 'mail', template: 'proxmox-mailgateway-8.1-standard_8.1-1_amd64.tar.zst' },
      { section: 'turnkeylinux', template: 'debian-12-turnkey-core_18.0-1_amd64.tar.gz' },
    ],
    aplUpdated: seed.aplUpdated ?? true,
    guests: {},
    host: { packages: ['pve-manager', 'proxmox-ve', 'postfix', 'openssh-server'], aptLists: [DEBIAN_LIST, 'http://download.proxmox.com/debian/pve bookworm pve-no-subscription'] },
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

function seedFiles(dir: string, seed: SimSeed): void {
  const w = (p: string, c: string) => writeHostFile(dir, p, c);
  w('/etc/hostname', `${NODE}\n`);
  w('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n');
  w('/etc/apt/sources.list', 'deb http://deb.debian.org/debian bookworm main contrib\ndeb http://deb.debian.org/debian bookworm-updates main contrib\ndeb http://security.debian.org/debian-security bookworm-security main contrib\n');
  w('/etc/apt/sources.list.d/pve-no-subscription.list', 'deb http://download.proxmox.com/debian/pve bookworm pve-no-subscription\n');
  if (seed.enterpriseRepo) w('/etc/apt/sources.list.d/pve-enterprise.list', 'deb https://enterprise.proxmox.com/debian/pve bookworm pve-enterprise\n');
  w(PROXMOX_KEY_PATH, `SIMULATED OpenPGP public key\nProxmox Bookworm Release Key <proxmox-release@proxmox.com>\nfingerprint ${PROXMOX_KEY_FPR}\n`);
  if (seed.images ?? true) {
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
