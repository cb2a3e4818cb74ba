// @ts-nocheck
// Host key trust for the SSH transport, failing closed:
// - our pin file (JSON, "host:port" → "SHA256:…"): a file that cannot be read or parsed is
//   refused (never taken as empty); every write is atomic (temp file in the same folder, fsync,
//   rename) with mode 0600, in a 0700 folder;
// - OpenSSH's known_hosts files (~/.ssh/known_hosts, /etc/ssh/ssh_known_hosts), plain and hashed
//   entries, parsed from the format in sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT": a matching key is
//   trusted, a different key of the same type is refused, an @revoked key is refused.
// Fingerprints use OpenSSH's format (SHA256:<base64 without padding>) so the technician can
// compare them with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { homedir } from 'node:os';
import { InputError } from '../cli/errors.js';

export function fingerprint(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}

/** The key type inside an SSH public key blob (its first length-prefixed string). */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const n = blob.readUInt32BE(0);
  return n > 0 && n < 64 && blob.length >= 4 + n ? blob.subarray(4, 4 + n).toString('latin1') : 'unknown';
}

/** How ssh-keygen -l names a key type: ED25519, ECDSA, RSA, DSA. */
export function keyTypeLabel(type: string): string {
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type.startsWith('ecdsa-')) return 'ECDSA';
  if (type === 'ssh-rsa') return 'RSA';
  if (type === 'ssh-dss') return 'DSA';
  return type;
}

const CONFIG_DIR = 'netsetup-wizard';

export function defaultKnownHostsPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.NETSETUP_KNOWN_HOSTS ?? join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), CONFIG_DIR, 'known_hosts.json');
}

/** OpenSSH's user and global known_hosts; NETSETUP_OPENSSH_KNOWN_HOSTS (colon-separated, may be empty) replaces them. */
export function openSshKnownHostsPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  const over = env.NETSETUP_OPENSSH_KNOWN_HOSTS;
  if (over !== undefined) return over.split(':').filter(Boolean);
  return [join(env.HOME ?? homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

const FP_RE = /^SHA256:[A-Za-z0-9+/]{43}$/;

export type PinResult = { status: 'known' } | { status: 'new'; fingerprint: string } | { status: 'changed'; expected: string; got: string };

/** The pin file. Unreadable or unparsable → InputError naming the file (exit 2), never "empty". */
export class KnownHosts {
  constructor(readonly path: string) {}

  private problem(message: string): InputError {
    return new InputError(this.path, [
      {
        path: basename(this.path),
        message: `${message}. Refusing to connect: without the pinned keys a changed host key could not be told from a new host. Restore the file from a backup or repair it (a JSON object of "host:port": "SHA256:…" entries); delete it only if you can check every host's key on its console`,
      },
    ]);
  }

  /** The pins; a missing file is empty, anything else that is wrong is refused. */
  load(): Record<string, string> {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return {};
      throw this.problem(`cannot be read (${code ?? (e as Error).message})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw this.problem(`is not valid JSON (${(e as Error).message})`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw this.problem('must hold a JSON object');
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== 'string' || !FP_RE.test(v)) throw this.problem(`entry "${k}" must be a fingerprint like SHA256:<43 base64 characters>, not ${JSON.stringify(v)}`);
    }
    this.tighten();
    return data as Record<string, string>;
  }

  /** An existing pin file readable by others is made 0600 (ours to fix: it is our file). */
  private tighten(): void {
    try {
      if ((statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    } catch {
      /* best effort: the next write replaces it with a 0600 file anyway */
    }
  }

  /** Check a presented key against the pins; nothing is written (see pin). */
  lookup(hostPort: string, rawKey: Buffer): PinResult {
    const fp = fingerprint(rawKey);
    const pinned = this.load()[hostPort];
    if (pinned === fp) return { status: 'known' };
    if (pinned) return { status: 'changed', expected: pinned, got: fp };
    return { status: 'new', fingerprint: fp };
  }

  /** Remember a fingerprint (re-reading the file first, so concurrent pins are kept). */
  pin(hostPort: string, fp: string): void {
    const all = this.load();
    all[hostPort] = fp;
    writeAtomic(this.path, `${JSON.stringify(all, null, 2)}\n`);
  }

  /** Check and pin on first use (kept for callers that decide nothing themselves). */
  check(hostPort: string, rawKey: Buffer): PinResult {
    const r = this.lookup(hostPort, rawKey);
    if (r.status === 'new') this.pin(hostPort, r.fingerprint);
    return r;
  }
}

/**
 * Replace `path` atomically with `content`, mode 0600: a temp file in the same folder (created
 * 0600, exclusive), written and fsynced, renamed over the old file, then the folder fsynced.
 * A crash or a full disk leaves either the old file or the new one, never a torn one.
 * Our own config folder (…/netsetup-wizard) is kept at 0700; a new folder is created 0700.
 */
export function writeAtomic(path: string, content: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (basename(dir) === CONFIG_DIR) chmodSync(dir, 0o700);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      const buf = Buffer.from(content, 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, 0o600); // the umask cannot loosen it, and an old looser file is not copied
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already renamed or never created */
    }
    throw e;
  }
  try {
    const dfd = openSync(dir, 'r');
    try {
      fsyncSync(dfd);
    } finally {
      closeSync(dfd);
    }
  } catch {
    /* some file systems cannot fsync a folder; the rename itself is still atomic */
  }
}

// ---- OpenSSH known_hosts ----------------------------------------------------------------

/** The name OpenSSH looks up: "host" on port 22, "[host]:port" otherwise. */
export function openSshHostName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** sshd(8): comma-separated patterns with * and ?, "!" negates; a negated match wins. */
export function hostsFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let positive = false;
  for (const raw of field.split(',')) {
    const neg = raw.startsWith('!');
    const pat = neg ? raw.slice(1) : raw;
    if (!pat) continue;
    if (globToRegExp(pat).test(name)) {
      if (neg) return false;
      positive = true;
    }
  }
  return positive;
}

export interface KnownHostsEntry {
  file: string;
  line: number;
  marker?: '@revoked' | '@cert-authority';
  hosts: string;
  type: string;
  blob: Buffer;
}

/** Parse one known_hosts file; lines that do not parse are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostsEntry[] {
  const out: KnownHostsEntry[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostsEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      if (fields[0] !== '@revoked' && fields[0] !== '@cert-authority') return;
      marker = fields.shift() as KnownHostsEntry['marker'];
    }
    const [hosts, type, b64] = fields;
    if (!hosts || !type || !b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return;
    const blob = Buffer.from(b64, 'base64');
    if (keyType(blob) !== type) return; // the type field must name the key in the blob
    out.push({ file, line: i + 1, ...(marker ? { marker } : {}), hosts, type, blob });
  });
  return out;
}

export type OpenSshVerdict =
  | { status: 'none'; knownTypes: string[] }
  | { status: 'match'; file: string; line: number }
  | { status: 'mismatch'; file: string; line: number; type: string; expected: string }
  | { status: 'revoked'; file: string; line: number };

export class OpenSshKnownHosts {
  constructor(readonly paths: string[]) {}

  entries(): KnownHostsEntry[] {
    const all: KnownHostsEntry[] = [];
    for (const file of this.paths) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        throw new InputError(file, [{ path: basename(file), message: `cannot be read (${code ?? (e as Error).message}); it may hold this host's key, so the connection is refused. Fix its permissions` }]);
      }
      all.push(...parseKnownHosts(text, file));
    }
    return all;
  }

  /** Key types OpenSSH knows for this host (the SSH client prefers them, as OpenSSH does). */
  typesFor(host: string, port: number): string[] {
    const name = openSshHostName(host, port);
    return [...new Set(this.entries().filter((e) => !e.marker && hostsFieldMatches(e.hosts, name)).map((e) => e.type))];
  }

  verdict(host: string, port: number, blob: Buffer): OpenSshVerdict {
    const name = openSshHostName(host, port);
    const type = keyType(blob);
    const entries = this.entries().filter((e) => hostsFieldMatches(e.hosts, name));
    const revoked = this.entries().find((e) => e.marker === '@revoked' && e.blob.equals(blob));
    if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
    const plain = entries.filter((e) => !e.marker);
    const match = plain.find((e) => e.blob.equals(blob));
    if (match) return { status: 'match', file: match.file, line: match.line };
    const sameType = plain.find((e) => e.type === type);
    if (sameType) return { status: 'mismatch', file: sameType.file, line: sameType.line, type, expected: fingerprint(sameType.blob) };
    return { status: 'none', knownTypes: [...new Set(plain.map((e) => e.type))] };
  }
}

/** ssh2 host key algorithms with the types OpenSSH already knows for the host first. */
export function hostKeyAlgorithms(knownTypes: string[]): string[] | undefined {
  if (knownTypes.length === 0) return undefined;
  const all = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  const first = knownTypes.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t])).filter((t) => all.includes(t));
  return [...new Set([...first, ...all])];
}
