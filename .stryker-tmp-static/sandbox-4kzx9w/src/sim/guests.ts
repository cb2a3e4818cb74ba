// @ts-nocheck
// Validation and rendering shared by pct and qm: config errors, tags, networks, storage, MACs.
import { randomBytes } from 'node:crypto';
import { checkTags, isCidr4, isIPv4, propString } from './args.js';
import { GiB, type Guest, type SimState } from './state.js';
import { fail, type Outcome } from './types.js';

export function noConfig(kind: 'lxc' | 'qemu', vmid: string, node: string): Outcome {
  return fail(255, `Configuration file 'nodes/${node}/${kind === 'lxc' ? 'lxc' : 'qemu-server'}/${vmid}.conf' does not exist`);
}

export function getGuest(st: SimState, kind: 'lxc' | 'qemu', vmid: string): Guest | Outcome {
  const g = st.guests[vmid];
  if (!g || g.type !== kind) return noConfig(kind, vmid, st.node);
  return g;
}

export function isGuest(x: Guest | Outcome): x is Guest {
  return 'vmid' in x;
}

export function existsMsg(st: SimState, vmid: string): string {
  const g = st.guests[vmid];
  return `${g?.type === 'lxc' ? 'CT' : 'VM'} ${vmid} already exists on node '${st.node}'`;
}

export function mac(): string {
  const b = [...randomBytes(5)].map((x) => x.toString(16).toUpperCase().padStart(2, '0'));
  return `BC:24:11:${b.slice(0, 3).join(':')}`;
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
export const isDnsName = (s: string) => DNS_NAME.test(s);

/** Validate option values common to pct and qm; returns verification errors by option. */
export function validateCommon(opts: Record<string, string>, kind: 'lxc' | 'qemu'): Record<string, string> {
  const e: Record<string, string> = {};
  if (opts.tags !== undefined) {
    const t = checkTags(opts.tags);
    if (typeof t === 'string') e.tags = t;
  }
  for (const k of ['hostname', 'name']) if (opts[k] !== undefined && !isDnsName(opts[k] as string)) e[k] = 'invalid format - value does not look like a valid DNS name';
  if (opts.nameserver !== undefined && !opts.nameserver.split(/[ ,;]+/).every(isIPv4)) e.nameserver = `invalid format - value does not look like a valid IP address`;
  if (opts.searchdomain !== undefined && !opts.searchdomain.split(/[ ,;]+/).every(isDnsName)) e.searchdomain = 'invalid format - value does not look like a valid DNS name';
  if (opts.cores !== undefined && (Number(opts.cores) < 1 || Number(opts.cores) > 8192)) e.cores = 'value must have a minimum value of 1';
  if (opts.memory !== undefined && Number(opts.memory) < 16) e.memory = 'value must have a minimum value of 16';
  for (const [k, v] of Object.entries(opts)) {
    if (kind === 'lxc' && /^net\d$/.test(k)) {
      const p = propString(v);
      if (typeof p === 'string') e[k] = p;
      else if (!p.name) e[k] = "invalid format - property 'name' is missing";
      else if (p.ip && !['dhcp', 'manual'].includes(p.ip) && !isCidr4(p.ip)) e[k] = `invalid format - ip: invalid format - value does not look like a valid IPv4 network configuration`;
      else if (p.gw && !isIPv4(p.gw)) e[k] = `invalid format - gw: invalid format - value does not look like a valid IPv4 address`;
      else {
        const allowed = ['name', 'bridge', 'firewall', 'gw', 'gw6', 'hwaddr', 'ip', 'ip6', 'mtu', 'rate', 'tag', 'trunks', 'type', 'link_down'];
        const bad = Object.keys(p).find((x) => !allowed.includes(x));
        if (bad) e[k] = `invalid format - property '${bad}' not allowed`;
      }
    }
    if (kind === 'qemu' && /^ipconfig\d$/.test(k)) {
      const p = propString(v);
      if (typeof p === 'string') e[k] = p;
      else if (Object.keys(p).some((x) => !['ip', 'gw', 'ip6', 'gw6'].includes(x))) e[k] = `invalid format - property '${Object.keys(p).find((x) => !['ip', 'gw', 'ip6', 'gw6'].includes(x))}' not allowed`;
      else if (p.ip && p.ip !== 'dhcp' && !isCidr4(p.ip)) e[k] = 'invalid format - ip: invalid format - value does not look like a valid IPv4 network configuration';
      else if (p.gw && !isIPv4(p.gw)) e[k] = 'invalid format - gw: invalid format - value does not look like a valid IPv4 address';
    }
  }
  return e;
}

/** The bridge a network property string names, if it does not exist on the host. */
export function missingBridge(st: SimState, g: Guest): string | undefined {
  for (const [k, v] of Object.entries(g.config)) {
    if (!/^net\d$/.test(k)) continue;
    const bridge = /(?:^|,)bridge=([^,]+)/.exec(v)?.[1];
    if (bridge && !st.network.some((n) => n.iface === bridge && n.type === 'bridge')) return bridge;
  }
  return undefined;
}

export function allocDisk(st: SimState, storage: string, sizeGiB: number, content: 'rootdir' | 'images', vmid: string): string | undefined {
  const s = st.storages.find((x) => x.storage === storage);
  if (!s) return `storage '${storage}' does not exist`;
  if (!s.content.includes(content)) return `storage '${storage}' does not support ${content === 'rootdir' ? 'container directories' : 'vm images'}`;
  if (s.total - s.used < sizeGiB * GiB) return `lvcreate 'pve/vm-${vmid}-disk-0' error:   Volume group "pve" has insufficient free space (${Math.floor((s.total - s.used) / (4 * 1024 * 1024))} extents): ${sizeGiB * 256} required.`;
  s.used += sizeGiB * GiB;
  return undefined;
}

/**
 * PVE::Tools::encode_text, which `qm config` / `pct config` apply to the description: every
 * byte outside 0x20-0x7e, and ':' and '%', as %XX (pve-common src/PVE/ParseUtils.pm).
 */
export function encodeText(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (b < 0x20 || b > 0x7e || b === 0x3a || b === 0x25 ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join('');
}

export function configText(g: Guest): string {
  const keys = Object.keys(g.config).sort();
  return keys.map((k) => `${k}: ${k === 'description' ? encodeText(g.config[k] ?? '') : g.config[k]}\n`).join('');
}

/** Guest IPv4 from net0 (lxc) or ipconfig0 (qemu). */
export function guestIp(g: Guest): string | undefined {
  const src = g.type === 'lxc' ? g.config.net0 : g.config.ipconfig0;
  return src ? /(?:^|,)ip=([\d.]+)\//.exec(src)?.[1] : undefined;
}
