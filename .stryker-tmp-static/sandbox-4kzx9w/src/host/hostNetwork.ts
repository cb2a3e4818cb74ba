// @ts-nocheck
// What the host's own network looks like (bridge, address, gateway), so the interview can
// suggest guest addresses in the same subnet. Read-only; undefined when it cannot tell.
import { pveshGet } from './pvesh.js';
import type { Host } from './types.js';

export interface HostNetwork {
  bridge: string;
  address: string;
  prefixLength: number;
  gateway: string;
}

interface NetEntry { iface: string; type?: string; cidr?: string; address?: string; gateway?: string }

export async function readHostNetwork(host: Host): Promise<HostNetwork | undefined> {
  try {
    const nodes = await pveshGet<Array<{ node: string }>>(host, '/nodes');
    const node = nodes[0]?.node;
    if (!node) return undefined;
    const net = await pveshGet<NetEntry[]>(host, `/nodes/${node}/network`);
    const br = net.find((n) => n.type === 'bridge' && n.cidr && n.gateway) ?? net.find((n) => n.type === 'bridge' && n.cidr);
    const m = br?.cidr ? /^([\d.]+)\/(\d+)$/.exec(br.cidr) : null;
    if (!br || !m) return undefined;
    return { bridge: br.iface, address: m[1]!, prefixLength: Number(m[2]), gateway: br.gateway ?? '' };
  } catch {
    return undefined;
  }
}
