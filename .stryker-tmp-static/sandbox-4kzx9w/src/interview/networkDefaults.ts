// @ts-nocheck
// Default guest addresses from the host's own network: same /24 as the host, .60/.61/.62
// style, never the host's address or the gateway, always inside the gateway's subnet.
import { isIPv4, isNetworkOrBroadcast, sameSubnet } from '../schema/net.js';

export interface HostNetwork {
  bridge: string;
  address: string;
  prefixLength: number;
  gateway: string;
}

export interface NetworkSuggestion {
  bridge: string;
  gateway: string;
  prefixLength: number;
  pmg: string;
  mail: string;
  dns: string;
}

const EMPTY: NetworkSuggestion = { bridge: 'vmbr0', gateway: '', prefixLength: 24, pmg: '', mail: '', dns: '' };

export function suggestNetwork(host?: HostNetwork): NetworkSuggestion {
  if (!host || !isIPv4(host.address) || !isIPv4(host.gateway)) return { ...EMPTY, bridge: host?.bridge ?? EMPTY.bridge };
  const base = host.address.split('.').slice(0, 3).join('.');
  const taken = new Set([host.address, host.gateway]);
  const picked: string[] = [];
  // .60 upwards first, then the low addresses, so the usual answer is .60/.61/.62.
  const order = [...range(60, 254), ...range(2, 59)];
  for (const n of order) {
    if (picked.length === 3) break;
    const ip = `${base}.${n}`;
    if (taken.has(ip) || !sameSubnet(ip, host.gateway, host.prefixLength) || isNetworkOrBroadcast(ip, host.prefixLength)) continue;
    picked.push(ip);
    taken.add(ip);
  }
  return {
    bridge: host.bridge,
    gateway: host.gateway,
    prefixLength: host.prefixLength,
    pmg: picked[0] ?? '',
    mail: picked[1] ?? '',
    dns: picked[2] ?? '',
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
