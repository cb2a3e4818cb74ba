// @ts-nocheck
// A random per-site key kept root-only on the host. Password hashes on the mail VM use salts
// derived from it, so re-running the wizard with the same passwords renders byte-identical
// files (nothing to upload, no rebuild) while every mailbox still gets its own salt.
import { createHmac, randomBytes } from 'node:crypto';
import type { Host } from '../host/types.js';

export const SITE_KEY_FILE = '/etc/netsetup/site.key';
const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function saltFor(siteKey: string): (address: string) => string {
  return (address) => [...createHmac('sha256', siteKey).update(`dovecot-salt\0${address}`).digest().subarray(0, 16)].map((b) => ITOA64[b & 0x3f]).join('');
}

/** Read the site key, creating it (mode 0600). A dry-run host only records the write. */
export async function ensureSiteKey(host: Host): Promise<string> {
  const existing = (await host.readFile(SITE_KEY_FILE))?.trim();
  if (existing && /^[0-9a-f]{64}$/.test(existing)) return existing;
  const key = randomBytes(32).toString('hex');
  await host.writeFile(SITE_KEY_FILE, `${key}\n`, { mode: 0o600, secret: true, label: 'site key for password salts' });
  return key;
}
