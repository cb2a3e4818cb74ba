// Public IPv4 through an HTTP(S) echo service: primary first, then the fallbacks, each with a
// short timeout. Behind carrier-grade NAT (100.64.0.0/10) the echoed address is the carrier's,
// not the router's: say so.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';
import type { PublicIpResult } from './types.js';
import { errCode } from './resolver.js';

export const DEFAULT_IP_ECHO_URLS = ['https://api.ipify.org', 'https://icanhazip.com'];
const MAX_BODY = 512;

export interface PublicIpOptions {
  urls: string[];
  timeoutMs: number;
  /** The static public IP from the answers, compared with the echo. */
  expected?: string;
  /** The router's WAN address as the technician read it from the router, when known. */
  routerWanIp?: string;
  /** Addresses of this host's interfaces (default: os.networkInterfaces()). */
  localAddresses?: string[];
  signal?: AbortSignal;
}

/** GET url → trimmed body, or an Error whose message is the human reason. */
export function fetchText(url: string, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return reject(new Error('not a valid URL'));
    }
    const request = u.protocol === 'https:' ? httpsRequest : u.protocol === 'http:' ? httpRequest : undefined;
    if (!request) return reject(new Error(`unsupported scheme ${u.protocol}`));
    const req = request(u, { headers: { accept: 'text/plain', 'user-agent': 'netsetup-wizard' }, signal });
    // The first outcome counts. Failing destroys the request without an error of its own, so
    // nothing is emitted after the caller has its answer (the events that follow are ignored).
    const fail = (e: Error): void => {
      clearTimeout(timer);
      reject(e);
      req.destroy();
    };
    const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    req.on('response', (res) => {
      res.on('error', (e) => fail(new Error(errCode(e))));
      if (res.statusCode !== 200) return fail(new Error(`HTTP ${res.statusCode ?? '?'}`));
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
        if (body.length > MAX_BODY) fail(new Error('answer too long for an IP address'));
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(body.trim());
      });
    });
    req.on('error', (e) => fail(new Error(errCode(e))));
    req.end();
  });
}

function hostAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((a) => a.address));
}

export function isCgnat(ip: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(ip) && ipaddr.IPv4.parse(ip).range() === 'carrierGradeNat';
}

export async function checkPublicIp(opts: PublicIpOptions): Promise<PublicIpResult> {
  const failures: string[] = [];
  for (const url of opts.urls) {
    opts.signal?.throwIfAborted();
    let text: string;
    try {
      text = await fetchText(url, opts.timeoutMs, opts.signal);
    } catch (e) {
      opts.signal?.throwIfAborted();
      failures.push(`${url}: ${(e as Error).message}`);
      continue;
    }
    if (!ipaddr.IPv4.isValidFourPartDecimal(text)) {
      failures.push(`${url}: answered "${text.slice(0, 60)}", not an IPv4 address`);
      continue;
    }
    const notes: string[] = [];
    const local = (opts.localAddresses ?? hostAddresses()).find(isCgnat);
    const wan = opts.routerWanIp;
    let cgnat = true;
    if (isCgnat(text)) notes.push(`the echo itself saw a carrier-grade NAT address (100.64.0.0/10)`);
    else if (wan && isCgnat(wan)) notes.push(`the router's WAN address ${wan} is a carrier-grade NAT address (100.64.0.0/10); the internet sees ${text}`);
    else if (local) notes.push(`this host has the carrier-grade NAT address ${local} (100.64.0.0/10); the internet sees ${text}`);
    else cgnat = false;
    if (cgnat) notes.push('the ISP shares one public address between customers: inbound port 25 and a PTR of your own are impossible on this line');
    if (!cgnat && wan && wan !== text) notes.push(`the router's WAN address is ${wan} but the internet sees ${text}: there is another NAT (CGNAT or a second router) in between`);
    if (opts.expected && opts.expected !== text) {
      notes.push(`the answers give ${opts.expected} as the static public IP, but outgoing traffic leaves as ${text} (CGNAT, a second uplink or a VPN?)`);
    }
    return { status: 'ok', ip: text, source: url, cgnat, ...(notes.length ? { note: notes.join('; ') } : {}) };
  }
  return { status: 'failed', detail: failures.length ? failures.join('; ') : 'no echo URL configured' };
}
