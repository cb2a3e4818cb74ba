// The endpoint variables a technician or a test sets (NETSETUP_MX_HOSTS, NETSETUP_TLS_CONNECT,
// NETSETUP_SMTP_CONNECT …): a port must be 1-65535 (RFC 6335 §6: port 0 is reserved, 16 bits)
// and an IPv4 address four octets of 0-255 (RFC 791), or the run stops with the variable named.
import { describe, expect, it } from 'vitest';
import { endpointsFromEnv } from '../../src/checks/index.js';
import { tlsConfigFromEnv } from '../../src/verify/tls.js';
import { mailTlsConfigFromEnv } from '../../src/verify/mailTls.js';
import { InputError } from '../../src/cli/errors.js';

function problems(f: () => unknown): Array<{ path: string; message: string }> {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).problems;
  }
  return [];
}

describe('NETSETUP_MX_HOSTS', () => {
  it.each(['127.0.0.1:99999', '127.0.0.1:65536', '127.0.0.1:0', '[::1]:70000'])('refuses %s, naming the variable and the port range', (h) => {
    const p = problems(() => endpointsFromEnv({ NETSETUP_MX_HOSTS: h }));
    expect(p).toEqual([{ path: 'NETSETUP_MX_HOSTS', message: `"${h}" is not host[:port] with a port from 1 to 65535` }]);
  });
  it.each(['127.0.0.1:1', '127.0.0.1:65535', 'mx.example.net', '[::1]:2525', '[::1]'])('accepts %s', (h) => {
    expect(problems(() => endpointsFromEnv({ NETSETUP_MX_HOSTS: h }))).toEqual([]);
  });
});

describe('NETSETUP_TLS_CONNECT and the mail *_CONNECT variables', () => {
  const bad = ['127.0.0.1:70000', '127.0.0.1:0', '256.1.1.1:443', '1.2.3:443', '127.0.0.1'];
  it.each(bad)('NETSETUP_TLS_CONNECT=%s is refused', (v) => {
    expect(problems(() => tlsConfigFromEnv({ NETSETUP_TLS_CONNECT: v }, 1000)).map((p) => p.path)).toEqual(['NETSETUP_TLS_CONNECT']);
  });
  it.each(bad)('NETSETUP_SMTP_CONNECT=%s is refused', (v) => {
    const tls = tlsConfigFromEnv({}, 1000);
    expect(problems(() => mailTlsConfigFromEnv({ NETSETUP_SMTP_CONNECT: v }, tls)).map((p) => p.path)).toEqual(['NETSETUP_SMTP_CONNECT']);
  });
  it('accepts the edges 1 and 65535 and off', () => {
    expect(tlsConfigFromEnv({ NETSETUP_TLS_CONNECT: '127.0.0.1:65535' }, 1000).connect).toBe('127.0.0.1:65535');
    const tls = tlsConfigFromEnv({ NETSETUP_TLS_CONNECT: 'off' }, 1000);
    expect(mailTlsConfigFromEnv({ NETSETUP_SMTP_CONNECT: '127.0.0.1:1', NETSETUP_IMAPS_CONNECT: 'OFF' }, tls).connect).toEqual({ smtp: '127.0.0.1:1', submission: 'off', imaps: 'OFF' });
  });
});
