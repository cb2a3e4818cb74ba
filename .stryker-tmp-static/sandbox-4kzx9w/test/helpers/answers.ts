// @ts-nocheck
// Answers files for tests, written to a temp dir as JSON (no YAML quoting surprises).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TRICKY_SECRET = `p'a"ss $(touch /tmp/netsetup-pwned) \`id\` \\ end`;

export function smarthostAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    domain: 'example.com',
    hostSerial: 'lib',
    mode: 'smarthost',
    relay: { preset: 'sendgrid', user: 'apikey', password: TRICKY_SECRET },
    dnsProvider: { provider: 'cloudflare', credentials: { CF_DNS_API_TOKEN: 'cf-token-Zq8-secret', CF_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353' } },
    network: { bridge: 'vmbr0', gateway: '192.168.1.1', prefixLength: 24, pmg: '192.168.1.60', mail: '192.168.1.61', dns: '192.168.1.62' },
    mailboxes: [{ user: 'info', password: 'mailbox-Secret-771' }],
    ...overrides,
  };
}

export function standaloneAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const a = smarthostAnswers({ mode: 'standalone', publicIp: '203.0.113.7', ...overrides });
  delete a.relay;
  delete a.dnsProvider;
  return a;
}

export function writeAnswers(data: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-answers-'));
  const file = join(dir, 'answers.json');
  writeFileSync(file, JSON.stringify(data, null, 2));
  return file;
}
