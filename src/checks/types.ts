// Results of the live site checks (SPEC §2 "Relay vs standalone"). Each check has distinct
// outcomes because each outcome needs different advice.

export type Port25Result =
  /** At least one MX answered with a 220 banner. */
  | { status: 'open'; host: string; banner: string; ms: number }
  /** Names resolved but every connection timed out or was reset/refused: the ISP filters port 25. */
  | { status: 'blocked'; detail: string; ms: number }
  /** None of the MX names could be resolved: DNS is broken, port 25 unknown. */
  | { status: 'no-dns'; detail: string; ms: number }
  /** No route at all (network unreachable on every probe). */
  | { status: 'no-network'; detail: string; ms: number };

export type PublicIpResult =
  | {
      status: 'ok';
      ip: string;
      /** URL that answered. */
      source: string;
      /** True when the echoed address is in 100.64.0.0/10 or differs from a known router WAN address. */
      cgnat: boolean;
      note?: string;
    }
  | { status: 'failed'; detail: string };

export interface PtrResult {
  ip: string;
  /** PTR names found (trailing dot removed), empty when none. */
  names: string[];
  /** The first PTR name resolves back (A) to the same IP. */
  forwardConfirmed: boolean;
  /** The PTR name equals mail.<domain>. */
  matchesMailHost: boolean;
  expected: string;
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
  /** host[:port] of MX servers to probe on port 25. */
  mxHosts: string[];
  /** DNS resolver as host:port (default: the system resolver). */
  resolver?: string;
  /** Overall bound for the port-25 probe in ms. */
  port25TimeoutMs: number;
}
