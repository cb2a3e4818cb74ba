// Known-hosts matching checked against OpenSSH itself (`ssh-keygen -F NAME -f FILE` is the
// oracle), and the pin file's atomic write checked by a write that dies half way (a file size
// limit, like a full disk): the old file must survive whole.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, linkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/cli/errors.js';
import { KnownHosts, OpenSshKnownHosts, fingerprint, hostsFieldMatches, parseKnownHosts, writeAtomic } from '../../src/host/knownHosts.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function newKey(dir: string, name: string): { pub: string; b64: string; blob: Buffer } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
  const b64 = readFileSync(`${path}.pub`, 'utf8').split(' ')[1]!;
  return { pub: `${path}.pub`, b64, blob: Buffer.from(b64, 'base64') };
}

describe('OpenSSH known_hosts matching (ssh-keygen -F is the oracle)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-kh-'));
  const k = newKey(dir, 'k');
  const lines = [
    `*.example.com,!bad.example.com ssh-ed25519 ${k.b64}`,
    `[10.0.0.?]:2222 ssh-ed25519 ${k.b64}`,
    `host1,HOST2,192.0.2.7 ssh-ed25519 ${k.b64}`,
    `[::1]:2200,fe80::1 ssh-ed25519 ${k.b64}`,
    `plain.lan ssh-ed25519 ${k.b64} a comment`,
    `[plain.lan]:2022 ssh-ed25519 ${k.b64}`,
  ];
  const names = ['a.example.com', 'bad.example.com', 'example.com', '[10.0.0.5]:2222', '10.0.0.5', '[10.0.0.55]:2222', 'host2', 'host1', '192.0.2.7', '[192.0.2.7]:22', '[::1]:2200', '::1', 'fe80::1', 'plain.lan', '[plain.lan]:2022', '[plain.lan]:2023', 'other.lan'];

  const oracle = (file: string, name: string) => spawnSync('ssh-keygen', ['-F', name, '-f', file], { stdio: 'ignore' }).status === 0;

  it('plain and pattern entries match exactly the names OpenSSH matches', () => {
    const file = join(dir, 'plain');
    writeFileSync(file, `# a comment line\n\n${lines.join('\n')}\n`);
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries).toHaveLength(lines.length);
    for (const n of names) expect(entries.some((e) => hostsFieldMatches(e.hosts, n)), n).toBe(oracle(file, n));
  });

  it('hashed entries (ssh-keygen -H) match exactly the names OpenSSH matches', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `${lines.join('\n')}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/m);
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    for (const n of names) expect(entries.some((e) => hostsFieldMatches(e.hosts, n)), n).toBe(oracle(file, n));
  });

  it('verdicts: same key → match, other key of the type → mismatch, @revoked → revoked, unknown → none', () => {
    const other = newKey(dir, 'other');
    const file = join(dir, 'verdicts');
    writeFileSync(file, `[pve.lan]:2222 ssh-ed25519 ${k.b64}\n@revoked * ssh-ed25519 ${other.b64}\n`);
    const kh = new OpenSshKnownHosts([join(dir, 'absent'), file]);
    expect(kh.verdict('pve.lan', 2222, k.blob)).toMatchObject({ status: 'match', line: 1 });
    const third = newKey(dir, 'third');
    expect(kh.verdict('pve.lan', 2222, third.blob)).toMatchObject({ status: 'mismatch', line: 1, expected: fingerprint(k.blob) });
    expect(kh.verdict('pve.lan', 2222, other.blob)).toMatchObject({ status: 'revoked', line: 2 });
    expect(kh.verdict('pve.lan', 22, third.blob)).toEqual({ status: 'none' });
    expect(kh.typesFor('pve.lan', 2222)).toEqual(['ssh-ed25519']);
    // And our fingerprint is the one ssh-keygen prints
    expect(execFileSync('ssh-keygen', ['-lf', k.pub], { encoding: 'utf8' })).toContain(fingerprint(k.blob));
  });
});


describe('the pin file', () => {
  it('refuses unparsable content naming the file, and never rewrites it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-pin-'));
    const file = join(dir, 'known_hosts.json');
    for (const bad of ['', '{', '[]', 'null', '{"h:22": 5}', '{"h:22": "SHA256:short"}']) {
      writeFileSync(file, bad);
      const kh = new KnownHosts(file);
      expect(() => kh.lookup('h:22', Buffer.from('k')), bad).toThrow(InputError);
      expect(() => kh.pin('h:22', fingerprint(Buffer.from('k')))).toThrow(file);
      expect(readFileSync(file, 'utf8')).toBe(bad);
    }
  });

  it('is replaced, not rewritten in place: a hard link to the old file keeps the old content', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-pin-'));
    const file = join(dir, 'known_hosts.json');
    const kh = new KnownHosts(file);
    kh.pin('a:22', fingerprint(Buffer.from('a')));
    const before = readFileSync(file, 'utf8');
    linkSync(file, join(dir, 'old-link'));
    kh.pin('b:22', fingerprint(Buffer.from('b')));
    expect(readFileSync(join(dir, 'old-link'), 'utf8')).toBe(before);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))).toEqual(['a:22', 'b:22']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['known_hosts.json', 'old-link']);
  });

  it('survives a write that dies half way (file size limit, like a full disk): the old pins stay whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-pin-'));
    const file = join(dir, 'known_hosts.json');
    // Given a valid pin file of about 900 bytes
    const pins: Record<string, string> = {};
    for (let i = 0; i < 12; i++) pins[`192.0.2.${i}:22`] = fingerprint(Buffer.from(`key-${i}`));
    writeAtomic(file, `${JSON.stringify(pins, null, 2)}\n`);
    const before = readFileSync(file, 'utf8');
    expect(before.length).toBeLessThan(1024);
    // When another process adds pins while it may write only 1 KiB per file (ulimit -f 1)
    const script = `import { KnownHosts, fingerprint } from ${JSON.stringify(join(ROOT, 'src/host/knownHosts.ts'))};
const kh = new KnownHosts(${JSON.stringify(file)});
for (let i = 0; i < 40; i++) kh.pin('198.51.100.' + i + ':22', fingerprint(Buffer.from('new-' + i)));`;
    const scriptFile = join(dir, 'writer.mts');
    writeFileSync(scriptFile, script);
    const r = spawnSync('/bin/sh', ['-c', `ulimit -f 1; exec "$0" "$1"`, join(ROOT, 'node_modules/.bin/tsx'), scriptFile], { cwd: ROOT, encoding: 'utf8' });
    // Then the writer failed (EFBIG or killed by SIGXFSZ) …
    expect(r.status === 0 && r.signal === null, `${r.status} ${r.signal} ${r.stderr}`).toBe(false);
    // … and the pin file is still a valid file with its pins (perhaps plus whole new ones)
    const after = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [k, v] of Object.entries(pins)) expect(after[k]).toBe(v);
    expect(new KnownHosts(file).load()).toEqual(after);
    expect(existsSync(file)).toBe(true);
  });
});
