// @ts-nocheck
// Endpoints from the environment, and the port-25 result classification.
import { describe, expect, it } from 'vitest';
import { endpointsFromEnv, DEFAULT_PORT25_TIMEOUT_MS } from '../../src/checks/index.js';
import { classify, parseHostPort } from '../../src/checks/port25.js';
import { normalizeResolver } from '../../src/checks/resolver.js';
import { reverseName } from '../../src/checks/ptr.js';
import { InputError } from '../../src/cli/errors.js';
import type { Port25Probe } from '../../src/checks/types.js';

describe('endpointsFromEnv', () => {
  it('uses the public defaults when nothing is set', () => {
    // Given an empty environment / When read / Then SPEC §2's defaults, bounded under 6 s
    expect(endpointsFromEnv({})).toEqual({
      ipEchoUrls: ['https://api.ipify.org', 'https://icanhazip.com'],
      mxHosts: [],
      mxDomains: ['gmail.com', 'outlook.com', 'yahoo.com'],
      port25TimeoutMs: DEFAULT_PORT25_TIMEOUT_MS,
      ipEchoTimeoutMs: 2500,
      dnsTimeoutMs: 2500,
    });
    expect(DEFAULT_PORT25_TIMEOUT_MS).toBeLessThanOrEqual(6000);
  });

  it('reads every variable, trimming list entries', () => {
    // Given all variables set
    const e = endpointsFromEnv({
      NETSETUP_IP_ECHO_URLS: ' http://127.0.0.1:8080/ , http://127.0.0.1:8081/ip',
      NETSETUP_MX_HOSTS: '127.0.0.1:2525,[::1]:2526,mx.test',
      NETSETUP_MX_DOMAINS: 'a.test,b.test',
      NETSETUP_RESOLVER: '127.0.0.1:5353',
      NETSETUP_PORT25_TIMEOUT_MS: '1500',
    });
    // Then each one is used
    expect(e).toMatchObject({
      ipEchoUrls: ['http://127.0.0.1:8080/', 'http://127.0.0.1:8081/ip'],
      mxHosts: ['127.0.0.1:2525', '[::1]:2526', 'mx.test'],
      mxDomains: ['a.test', 'b.test'],
      resolver: '127.0.0.1:5353',
      port25TimeoutMs: 1500,
    });
  });

  it('names every bad variable in one InputError', () => {
    // Given three bad values
    let err: unknown;
    try {
      endpointsFromEnv({ NETSETUP_IP_ECHO_URLS: 'ftp://x', NETSETUP_RESOLVER: 'localhost:53', NETSETUP_PORT25_TIMEOUT_MS: '6s' });
    } catch (e) {
      err = e;
    }
    // Then one error lists all three, by variable name
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problems.map((p) => p.path)).toEqual(['NETSETUP_IP_ECHO_URLS', 'NETSETUP_RESOLVER', 'NETSETUP_PORT25_TIMEOUT_MS']);
  });
});

describe('small parsers', () => {
  it.each([
    ['127.0.0.1:5353', '127.0.0.1:5353'],
    ['10.0.0.1', '10.0.0.1'],
    ['[::1]:53', '[::1]:53'],
    ['::1', '::1'],
    ['127.0.0.1:99999', undefined],
    ['dns.google', undefined],
  ])('normalizeResolver(%s) = %s', (input, out) => {
    expect(normalizeResolver(input)).toBe(out);
  });

  it('parses host[:port] and reverse names', () => {
    expect(parseHostPort('127.0.0.1:2525')).toEqual({ host: '127.0.0.1', port: 2525 });
    expect(parseHostPort('mx.test')).toEqual({ host: 'mx.test', port: 25 });
    expect(parseHostPort('[::1]:26')).toEqual({ host: '::1', port: 26 });
    expect(reverseName('203.0.113.7')).toBe('7.113.0.203.in-addr.arpa');
  });
});

describe('classify', () => {
  const probe = (outcome: Port25Probe['outcome'], info?: string): Port25Probe => ({ target: 'mx.test', outcome, info, ms: 1 });
  it.each<[string, Port25Probe[], string, RegExp]>([
    ['any banner wins', [probe('timeout'), probe('banner', '220 hi')], 'open', /.*/],
    ['timeouts and resets are blocked', [probe('timeout'), probe('reset'), probe('refused')], 'blocked', /^3 probes: 1 timed out, 1 reset, 1 refused$/],
    ['unresolved + timed out is blocked, not no-dns', [probe('no-dns', 'ENOTFOUND'), probe('timeout')], 'blocked', /1 unresolved, 1 timed out/],
    ['only DNS failures are no-dns', [probe('no-dns', 'MX a: ENOTFOUND'), probe('no-dns', 'MX b: ETIMEOUT')], 'no-dns', /ENOTFOUND; MX b: ETIMEOUT/],
    ['unreachable everywhere is no-network', [probe('unreachable', 'ENETUNREACH'), probe('no-dns')], 'no-network', /no route/],
    ['a wrong greeting is quoted', [probe('other-reply', '554 go away'), probe('unreachable')], 'blocked', /"554 go away"/],
    ['no probes at all is no-dns', [], 'no-dns', /no answer/],
  ])('%s', (_name, probes, status, detail) => {
    // Given probe outcomes / When classified / Then the status and its detail
    const r = classify(probes, 10);
    expect(r.status).toBe(status);
    if (r.status !== 'open') expect(r.detail).toMatch(detail);
  });
});
