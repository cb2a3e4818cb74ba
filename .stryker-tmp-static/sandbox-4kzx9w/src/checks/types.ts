// @ts-nocheck
// Results of the live site checks (SPEC §2 "Relay vs standalone"). Each check has distinct
// outcomes because each outcome needs different advice.

/** What happened on one port-25 probe (kept for the detail line and for debugging). */
export interface Port25Probe {
  /** host[:port] as configured or as found in an MX record. */
  target: string;
  /** Address actually dialled, when the name resolved. */
  address?: string;
  outcome: 'banner' | 'other-reply' | 'timeout' | 'no-banner' | 'reset' | 'refused' | 'unreachable' | 'no-dns' | 'error';
  /** The banner line, the error code or the DNS error. */
  info?: string;
  ms: number;
}

export type Port25Result =
  /** At least one MX answered with a 220 banner. */
  | { status: 'open'; host: string; banner: string; ms: number; probes?: Port25Probe[] }
  /** Names resolved but every connection timed out or was reset/refused: the ISP filters port 25. */
  | { status: 'blocked'; detail: string; ms: number; probes?: Port25Probe[] }
  /** None of the MX names could be resolved: DNS is broken, port 25 unknown. */
  | { status: 'no-dns'; detail: string; ms: number; probes?: Port25Probe[] }
  /** No route at all (network unreachable on every probe). */
  | { status: 'no-network'; detail: string; ms: number; probes?: Port25Probe[] };

export type PublicIpResult =
  | {
      status: 'ok';
      ip: string;
      /** URL that answered. */
      source: string;
      /** True when the echoed address is in 100.64.0.0/10 (carrier-grade NAT). */
      cgnat: boolean;
      /** Set when the echo differs from the static publicIp of the answers, or behind CGNAT. */
      note?: string;
    }
  | { status: 'failed'; detail: string };

export interface PtrResult {
  ip: string;
  /** PTR names found (trailing dot removed, lower case), empty when none. */
  names: string[];
  /** The PTR name (mail.<domain> when it is among them, else the first) resolves back (A) to the same IP. */
  forwardConfirmed: boolean;
  /** One of the PTR names equals mail.<domain>. */
  matchesMailHost: boolean;
  /** mail.<domain>, or '' when no domain was given. */
  expected: string;
  /**
   * ok: forward-confirmed and (no domain given, or the name is mail.<domain>);
   * missing: no PTR record; other-name: a PTR exists but is not mail.<domain>;
   * not-confirmed: the name does not resolve back to the IP; lookup-failed: DNS error.
   */
  status: 'ok' | 'missing' | 'not-confirmed' | 'other-name' | 'lookup-failed';
  detail?: string;
}

export interface CheckResults {
  port25: Port25Result;
  publicIp: PublicIpResult;
  /** Absent when the public IP is unknown. */
  ptr?: PtrResult;
  /** ISO time the checks ran. */
  at: string;
}

/** Every endpoint the checks touch. Tests point all of them at 127.0.0.1. */
export interface CheckEndpoints {
  ipEchoUrls: string[];
  /**
   * host[:port] of MX servers to probe on port 25. When non-empty these are dialled directly
   * (names are resolved to A records first) and mxDomains is ignored.
   */
  mxHosts: string[];
  /** Domains whose MX hosts are probed when mxHosts is empty (default gmail.com, outlook.com, yahoo.com). */
  mxDomains?: string[];
  /** Port dialled on the MX hosts of mxDomains (default 25; only tests change it). */
  mxPort?: number;
  /** DNS resolver as host:port (default: the system resolver). */
  resolver?: string;
  /** Overall bound for the port-25 probe in ms. */
  port25TimeoutMs: number;
  /** Timeout per echo URL in ms (default 3000). */
  ipEchoTimeoutMs?: number;
  /** Timeout per DNS query in ms for the PTR check (default 2500). */
  dnsTimeoutMs?: number;
}

export type CheckName = 'publicIp' | 'port25' | 'ptr';
