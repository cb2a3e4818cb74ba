// What runs where: packages, apt repositories, services and listening sockets of the host, a
// container or a VM, all derived from the simulated state (never stored twice).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fsPath, releaseOf, SUITE_KEYS, type Guest, type SimState } from './state.js';
import type { Sys } from './types.js';

export interface PackageInfo {
  version: string;
  /** "URL" of the repository and the components that carry it; undefined = Debian main. */
  repo?: { url: string; components: string[] };
}

const PBS_REPO = { url: 'http://download.proxmox.com/debian/pbs', components: ['pbs-no-subscription', 'pbstest'] };
const PMG_REPO = { url: 'http://download.proxmox.com/debian/pmg', components: ['pmg-no-subscription', 'pmgtest'] };

export const PACKAGES: Record<string, PackageInfo> = {
  'proxmox-backup-server': { version: '3.4.7-1 (bookworm) / 4.0.20-1 (trixie)', repo: PBS_REPO },
  'proxmox-mailgateway-container': { version: '8.2.7 (bookworm) / 9.0.2 (trixie)', repo: PMG_REPO },
  curl: { version: '7.88.1-10+deb12u7' },
  wget: { version: '1.21.3-1+b2' },
  gnupg: { version: '2.2.40-1.1' },
  'ca-certificates': { version: '20230311' },
  dnsutils: { version: '1:9.18.28-1~deb12u2' },
  jq: { version: '1.6-2.1' },
  sudo: { version: '1.9.13p3-1+deb12u1' },
  // Debian main; `nix --version` depends on the container's release (nixbuild.ts DEBIAN_NIX).
  'nix-bin': { version: '2.26.3+dfsg-1' },
};

export const CT_BASE_PACKAGES = ['openssh-server', 'postfix', 'ca-certificates', 'systemd'];

export interface RepoLine {
  key: string;
  url: string;
  suite: string;
  components: string[];
  signedBy?: string;
}

function listDir(p: string): string[] {
  try {
    return readdirSync(p).sort();
  } catch {
    return [];
  }
}

/** Repositories configured in sources.list, sources.list.d/*.list and *.sources (deb822). */
export function configuredRepos(dir: string, vmid?: number): RepoLine[] {
  const out: RepoLine[] = [];
  const oneLine = (text: string) => {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      const m = /^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s+(.+)$/.exec(line);
      if (!m) continue;
      const signedBy = /signed-by=(\S+)/.exec(m[1] ?? '')?.[1];
      const url = (m[2] as string).replace(/\/+$/, '');
      out.push({ key: `${url} ${m[3]}`, url, suite: m[3] as string, components: (m[4] as string).split(/\s+/), signedBy });
    }
  };
  const read = (p: string) => {
    try {
      return readFileSync(fsPath(dir, p, vmid), 'utf8');
    } catch {
      return '';
    }
  };
  oneLine(read('/etc/apt/sources.list'));
  for (const f of listDir(fsPath(dir, '/etc/apt/sources.list.d', vmid))) {
    const text = read(`/etc/apt/sources.list.d/${f}`);
    if (f.endsWith('.list')) oneLine(text);
    else if (f.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        const field = (n: string) => new RegExp(`^${n}:\\s*(.+)$`, 'mi').exec(stanza)?.[1]?.trim();
        if (field('Enabled') === 'no' || !/^Types:.*\bdeb\b/mi.test(stanza)) continue;
        const uris = field('URIs');
        const suites = field('Suites');
        const comps = field('Components');
        if (!uris || !suites || !comps) continue;
        for (const u of uris.split(/\s+/)) {
          for (const s of suites.split(/\s+/)) {
            const url = u.replace(/\/+$/, '');
            out.push({ key: `${url} ${s}`, url, suite: s, components: comps.split(/\s+/), signedBy: field('Signed-By') });
          }
        }
      }
    }
  }
  return out;
}

/** Whether apt can verify a Proxmox repository in this system: the key of its suite must be there. */
export function repoKeyPresent(dir: string, repo: RepoLine, vmid?: number): boolean {
  if (!repo.url.includes('proxmox.com')) return true;
  const fpr = SUITE_KEYS[repo.suite];
  const hasProxmoxKey = (text: string) => fpr !== undefined && text.includes(fpr);
  if (repo.signedBy) {
    try {
      return hasProxmoxKey(readFileSync(fsPath(dir, repo.signedBy, vmid), 'utf8'));
    } catch {
      return false;
    }
  }
  const d = fsPath(dir, '/etc/apt/trusted.gpg.d', vmid);
  return listDir(d).some((f) => /\.(gpg|asc)$/.test(f) && hasProxmoxKey(readFileSync(`${d}/${f}`, 'utf8')));
}

export function aptView(st: SimState, sys: Sys): { packages: string[]; aptLists: string[] } {
  if (sys.kind === 'host') return st.host;
  return st.guests[String(sys.vmid)] as Guest;
}

export function isDebianList(key: string): boolean {
  // Any mirror serving a Debian suite's main component (deb.debian.org or one the answers name).
  return key.startsWith('http://deb.debian.org') || key.startsWith('http://security.debian.org') || /\s(bookworm|trixie)(-updates)?\smain$/.test(key);
}

/** The Debian codename of the host or a guest (from its /etc/os-release). */
export function codenameOf(dir: string, st: SimState, sys: Sys): string {
  if (sys.kind === 'host') return releaseOf(st).codename;
  try {
    return /^VERSION_CODENAME=(\w+)/m.exec(readFileSync(fsPath(dir, '/etc/os-release', sys.vmid), 'utf8'))?.[1] ?? 'bookworm';
  } catch {
    return 'bookworm';
  }
}

// ---- services and sockets ----------------------------------------------------------------------

interface Svc {
  unit: string;
  listen: string[];
}

const HOST_BASE: Svc[] = [
  { unit: 'sshd', listen: ['0.0.0.0:22'] },
  { unit: 'pveproxy', listen: ['*:8006'] },
  { unit: 'pvedaemon', listen: ['127.0.0.1:85'] },
  { unit: 'spiceproxy', listen: ['*:3128'] },
  { unit: 'pve-cluster', listen: [] },
  { unit: 'pvestatd', listen: [] },
  { unit: 'postfix', listen: ['127.0.0.1:25'] },
  { unit: 'rpcbind', listen: ['0.0.0.0:111'] },
  { unit: 'chrony', listen: [] },
];
const PBS: Svc[] = [
  { unit: 'proxmox-backup', listen: ['127.0.0.1:82'] },
  { unit: 'proxmox-backup-proxy', listen: ['*:8007'] },
];
const CT_BASE: Svc[] = [
  { unit: 'sshd', listen: ['0.0.0.0:22'] },
  { unit: 'postfix', listen: ['127.0.0.1:25'] },
  { unit: 'systemd-networkd', listen: [] },
];
const PMG: Svc[] = [
  { unit: 'pmgproxy', listen: ['*:8006'] },
  { unit: 'pmgdaemon', listen: ['127.0.0.1:85'] },
  { unit: 'pmg-smtp-filter', listen: ['127.0.0.1:10023', '127.0.0.1:10024'] },
  { unit: 'pmgpolicy', listen: ['127.0.0.1:10022'] },
  { unit: 'pmgtunnel', listen: [] },
  { unit: 'pmgmirror', listen: [] },
  { unit: 'postfix', listen: ['0.0.0.0:25', '0.0.0.0:26'] },
  { unit: 'postfix@-', listen: [] },
  { unit: 'clamav-daemon', listen: [] },
  { unit: 'clamav-freshclam', listen: [] },
  { unit: 'postgresql@15-main', listen: ['127.0.0.1:5432'] },
];
const VM_BASE: Svc[] = [
  { unit: 'sshd', listen: ['0.0.0.0:22'] },
  { unit: 'qemu-guest-agent', listen: [] },
];
const MAIL: Svc[] = [
  { unit: 'postfix', listen: ['0.0.0.0:25', '0.0.0.0:26', '0.0.0.0:587'] },
  { unit: 'dovecot2', listen: ['0.0.0.0:143', '0.0.0.0:993'] },
  { unit: 'nginx', listen: ['0.0.0.0:80', '0.0.0.0:443'] },
  { unit: 'phpfpm-roundcube', listen: [] },
  { unit: 'opendkim', listen: [] },
  { unit: 'postgresql', listen: ['127.0.0.1:5432'] },
];
const DNS: Svc[] = [
  { unit: 'coredns', listen: ['*:53'] },
  { unit: 'step-ca', listen: ['*:9000'] },
];
const DDNS: Svc = { unit: 'ddns-updater', listen: ['*:8000'] };

/** The services installed (configured) on the host or in a guest, running or not. */
export function installedServicesOf(st: SimState, sys: Sys): Svc[] {
  if (sys.kind === 'host') return st.host.packages.includes('proxmox-backup-server') ? [...HOST_BASE, ...PBS] : HOST_BASE;
  const g = st.guests[String(sys.vmid)];
  if (!g || g.status !== 'running') return [];
  if (g.type === 'lxc') return g.packages.includes('proxmox-mailgateway-container') ? [...CT_BASE.filter((s) => s.unit !== 'postfix'), ...PMG] : CT_BASE;
  const n = g.nixos;
  if (!n) return VM_BASE;
  if (n.role === 'mail') return [...VM_BASE, ...MAIL];
  return n.ddns ? [...VM_BASE, ...DNS, DDNS] : [...VM_BASE, ...DNS];
}

/** Where `systemctl stop` records what it stopped: the host's or the guest's list. */
export function stoppedUnitsOf(st: SimState, sys: Sys): string[] | undefined {
  if (sys.kind === 'host') return (st.host.stoppedUnits ??= []);
  const g = st.guests[String(sys.vmid)];
  return g ? (g.stoppedUnits ??= []) : undefined;
}

/** The services running now: installed ones less those stopped since boot. */
export function servicesOf(st: SimState, sys: Sys): Svc[] {
  const stopped = new Set(sys.kind === 'host' ? st.host.stoppedUnits ?? [] : st.guests[String(sys.vmid)]?.stoppedUnits ?? []);
  return installedServicesOf(st, sys).filter((s) => !stopped.has(s.unit));
}

export function listeningSockets(st: SimState, sys: Sys): string[] {
  const all = servicesOf(st, sys).flatMap((s) => s.listen);
  return [...new Set(all)];
}
