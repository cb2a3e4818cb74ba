// Host key pinning for the SSH transport: trust on first use, remember the fingerprint, refuse
// a changed key. Fingerprints use OpenSSH's format (SHA256:<base64 without padding>) so the
// technician can compare them with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';

export function fingerprint(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}

export function defaultKnownHostsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.NETSETUP_KNOWN_HOSTS ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'netsetup-wizard', 'known_hosts.json');
}

export type PinResult = { status: 'known' } | { status: 'new'; fingerprint: string } | { status: 'changed'; expected: string; got: string };

export class KnownHosts {
  constructor(readonly path: string) {}

  private load(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  /** Check a presented key; a new host is remembered immediately. */
  check(hostPort: string, rawKey: Buffer): PinResult {
    const fp = fingerprint(rawKey);
    const all = this.load();
    const pinned = all[hostPort];
    if (pinned === fp) return { status: 'known' };
    if (pinned) return { status: 'changed', expected: pinned, got: fp };
    all[hostPort] = fp;
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    writeFileSync(this.path, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
    return { status: 'new', fingerprint: fp };
  }
}
