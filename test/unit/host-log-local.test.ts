// The log file's exact layout and redaction, and the local transport's exit codes, with real
// processes. Secrets are sentinels this test picks and a real command echoes; the expected log
// text is written out here, line by line (the layout is what a person reading the log relies on).
import { mkdtempSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../src/host/local.js';
import { Log, LoggedHost } from '../../src/host/logged.js';
import { CommandError, type Host, type LockAttempt, type RunOptions, type RunResult } from '../../src/host/types.js';
import { WorkError } from '../../src/cli/errors.js';

const SECRET = 'Walrus-Sentinel-93kq';
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;
const work = () => mkdtempSync(join(tmpdir(), 'netsetup-loglocal-'));

/** The log's entries with their time stamps checked (within [t0, now]) and taken off. */
function entries(path: string, t0: number): string[] {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const out: string[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('    ')) {
      out[out.length - 1] += `\n${line}`;
      continue;
    }
    expect(line).toMatch(STAMP);
    const t = Date.parse(line.slice(0, 24));
    expect(t).toBeGreaterThanOrEqual(Math.floor(t0 / 1000) * 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
    out.push(line.slice(25));
  }
  return out;
}

describe('the log: layout of each entry', () => {
  it('command, exit code, stdout and stderr, continuation lines indented by four spaces', async () => {
    const t0 = Date.now();
    const path = join(work(), 'deeper', 'logs', 'install.log');
    const host = new LoggedHost(new LocalHost(), new Log(path, () => []));
    await host.run(['sh', '-c', 'printf "a\\n\\nb\\n"; printf "e\\n" >&2']);
    await host.run(['true']);
    await host.run(['printf', '\\n \\n\\t\\n']); // only white space: no section
    await host.run(['printf', 'x\\n\\n\\n']); // trailing blank lines are dropped
    await host.run(['cat'], { stdin: '' });
    expect(entries(path, t0)).toEqual([
      `[local] $ sh -c 'printf "a\\n\\nb\\n"; printf "e\\n" >&2'\n    exit 0\n    stdout:\n    a\n    \n    b\n    stderr:\n    e`,
      '[local] $ true\n    exit 0',
      "[local] $ printf '\\n \\n\\t\\n'\n    exit 0",
      "[local] $ printf 'x\\n\\n\\n'\n    exit 0\n    stdout:\n    x",
      '[local] $ cat <stdin withheld>\n    exit 0',
    ]);
    // The log folder is made as needed, and the file is root-only
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a failing command is logged with its output; a transport failure with its message', async () => {
    const t0 = Date.now();
    const path = join(work(), 'install.log');
    const log = new Log(path, () => []);
    const host = new LoggedHost(new LocalHost(), log);
    await expect(host.run(['sh', '-c', 'echo out; echo err >&2; exit 3'])).rejects.toBeInstanceOf(CommandError);
    const broken: Host = {
      name: 'ssh://root@192.0.2.1:22',
      run: async () => {
        throw new WorkError('lost the connection');
      },
      readFile: async () => 'content',
      writeFile: async () => undefined,
      tryLock: async (): Promise<LockAttempt> => ({ acquired: false, owner: 'x', release: async () => undefined }),
      close: async () => undefined,
    };
    await expect(new LoggedHost(broken, log).run(['pct', 'list'])).rejects.toThrow('lost the connection');
    expect(entries(path, t0)).toEqual([
      "[local] $ sh -c 'echo out; echo err >&2; exit 3'\n    exit 3\n    stdout:\n    out\n    stderr:\n    err",
      '[ssh://root@192.0.2.1:22] $ pct list\n    failed: lost the connection',
    ]);
  });

  it('cuts output after 20 000 characters, saying how much more there was', async () => {
    const t0 = Date.now();
    const path = join(work(), 'install.log');
    const host = new LoggedHost(new LocalHost(), new Log(path, () => []));
    await host.run(['sh', '-c', 'head -c 20000 /dev/zero | tr "\\0" y']);
    await host.run(['sh', '-c', 'head -c 20001 /dev/zero | tr "\\0" z']);
    const [exact, over] = entries(path, t0);
    expect(exact).toBe(`[local] $ sh -c 'head -c 20000 /dev/zero | tr "\\0" y'\n    exit 0\n    stdout:\n    ${'y'.repeat(20_000)}`);
    expect(over).toBe(`[local] $ sh -c 'head -c 20001 /dev/zero | tr "\\0" z'\n    exit 0\n    stdout:\n    ${'z'.repeat(20_000)}\n    … (1 more bytes)`);
  });

  it('file writes, locks, reads and close go to the inner host; writes and locks are logged without content', async () => {
    const t0 = Date.now();
    const dir = work();
    const path = join(dir, 'install.log');
    const host = new LoggedHost(new LocalHost(), new Log(path, () => []));
    await host.writeFile(join(dir, 'f', 'relay.pass'), `${SECRET}é`, { mode: 0o600, secret: true });
    await host.writeFile(join(dir, 'f', 'site.json'), Buffer.from('{}\n'));
    await host.writeFile(join(dir, 'f', 'shared'), 'x', { mode: 0o640 });
    expect(await host.readFile(join(dir, 'f', 'site.json'))).toBe('{}\n');
    const lockFile = join(dir, 'run', 'lock', 'netsetup-wizard.lock');
    const a = await host.tryLock(lockFile, 'note A\n');
    const b = await new LoggedHost(new LocalHost(), new Log(path, () => [])).tryLock(lockFile, 'note B\n');
    expect(b).toMatchObject({ acquired: false, owner: 'note A\n' });
    await a.release();
    let closed = false;
    const inner = new LocalHost();
    inner.close = async () => {
      closed = true;
    };
    await new LoggedHost(inner, new Log(path, () => [])).close();
    expect(closed).toBe(true);
    expect(entries(path, t0)).toEqual([
      `[local] wrote ${join(dir, 'f', 'relay.pass')} mode 600 (${SECRET.length + 2} bytes, secret: content not logged)`,
      `[local] wrote ${join(dir, 'f', 'site.json')} mode 644 (3 bytes)`,
      `[local] wrote ${join(dir, 'f', 'shared')} mode 640 (1 bytes)`,
      `[local] lock ${lockFile}: taken`,
      `[local] lock ${lockFile}: held by another run`,
    ]);
    expect(readFileSync(join(dir, 'f', 'relay.pass'), 'utf8')).toBe(`${SECRET}é`);
  });
});

describe('the log: secrets', () => {
  it('a secret a real command echoes is replaced, also one learnt after the log was opened', async () => {
    const t0 = Date.now();
    const path = join(work(), 'install.log');
    const known: string[] = [];
    const host = new LoggedHost(new LocalHost(), new Log(path, () => known));
    known.push(SECRET);
    await host.run(['sh', '-c', 'read -r s; echo "key: $s"; echo "$s!" >&2'], { stdin: `${SECRET}\n` });
    expect(readFileSync(path, 'utf8')).not.toContain(SECRET);
    expect(entries(path, t0)).toEqual([`[local] $ sh -c 'read -r s; echo "key: $s"; echo "$s!" >&2' <stdin withheld>\n    exit 0\n    stdout:\n    key: «redacted»\n    stderr:\n    «redacted»!`]);
  });

  it('output marked secret is withheld, also when the command fails; its stderr and an empty stdout are logged as they are', async () => {
    const t0 = Date.now();
    const path = join(work(), 'install.log');
    const host = new LoggedHost(new LocalHost(), new Log(path, () => []));
    // A fresh token the log cannot know in advance, printed by a command that then fails
    const token = ['tok', 'en-', 'q81z'];
    const e = await host.run(['sh', '-c', 'printf "%s%s%s\\n" "$@"; echo "warning: slow" >&2; exit 4', 'sh', ...token], { secretOutput: true }).catch((x: unknown) => x);
    expect((e as CommandError).result.stdout).toBe('token-q81z\n');
    await host.run(['printf', '%s%s%s', ...token], { secretOutput: true });
    await host.run(['sh', '-c', 'echo note >&2'], { secretOutput: true });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('token-q81z');
    expect(entries(path, t0)).toEqual([
      `[local] $ sh -c 'printf "%s%s%s\\n" "$@"; echo "warning: slow" >&2; exit 4' sh tok en- q81z\n    exit 4\n    stdout:\n    (withheld: holds a secret)\n    stderr:\n    warning: slow`,
      '[local] $ printf %s%s%s tok en- q81z\n    exit 0\n    stdout:\n    (withheld: holds a secret)',
      "[local] $ sh -c 'echo note >&2'\n    exit 0\n    stderr:\n    note",
    ]);
  });
});

describe('LocalHost: how a command ended', () => {
  const host = new LocalHost();

  it('runs in the C.UTF-8 locale with the rest of the environment kept, and an empty stdin', async () => {
    const r = await host.run(['sh', '-c', 'echo "$LC_ALL"; command -v sh; cat']);
    expect(r).toEqual({ exit: 0, stdout: 'C.UTF-8\n/usr/bin/sh\n', stderr: '' });
  });

  it('timed out is 124, cancelled is 130, killed by a signal is 128+n; the process is gone each time', async () => {
    const tag = (s: string) => `sleep 45.${process.pid}${s}`;
    const t = await host.run(['sh', '-c', `echo started; exec ${tag('1')}`], { timeoutMs: 300, allowFailure: true });
    expect(t.exit).toBe(124);
    expect(t.stdout).toBe('started\n');
    expect(t.stderr).toMatch(/timed out after 300 milliseconds.*\n$/s);
    expect(spawnSync('pgrep', ['-f', tag('1')]).status).toBe(1);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const c = await host.run(['sh', '-c', `exec ${tag('2')}`], { signal: ac.signal, allowFailure: true });
    expect(c.exit).toBe(130);
    expect(c.stderr).toMatch(/canceled.*\n$/s);
    expect(spawnSync('pgrep', ['-f', tag('2')]).status).toBe(1);
    // SIGKILL is 9 (signal(7)); a shell reports such a death as 137
    const k = await host.run(['sh', '-c', 'echo before; kill -KILL $$'], { allowFailure: true });
    expect(k.exit).toBe(137);
    expect(k.stdout).toBe('before\n');
    await expect(host.run(['sh', '-c', 'kill -TERM $$'])).rejects.toThrow('sh -c kill -TERM $$ exited with 143');
    // A program that does not exist never started: 127 with the reason, nothing on stdout
    const m = await host.run(['/nonexistent/netsetup-no-such-program'], { allowFailure: true });
    expect(m).toEqual({ exit: 127, stdout: '', stderr: expect.stringMatching(/ENOENT.*\n$/s) });
  });

  it('a run lock that cannot be taken names this host and flock\'s words', async () => {
    const dir = work();
    mkdirSync(join(dir, 'run', 'lock'), { recursive: true });
    const lock = join(dir, 'run', 'lock', 'netsetup-wizard.lock');
    symlinkSync(join(dir, 'no', 'such', 'lock'), lock);
    const e = await host.tryLock(lock, 'note\n').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkError);
    expect((e as Error).message).toMatch(new RegExp(`^cannot take the run lock ${lock} on this host: flock: cannot open lock file .*No such file or directory$`));
    await host.close();
  });
});

describe('DryRunHost', () => {
  it('passes the caller\'s options through to read-only questions, only making them never fail', async () => {
    const { DryRunHost } = await import('../../src/host/dryRun.js');
    const seen: RunOptions[] = [];
    const inner: Host = {
      name: 'rec',
      run: async (_argv, opts = {}): Promise<RunResult> => (seen.push(opts), { exit: 0, stdout: 'ok', stderr: '' }),
      readFile: async () => undefined,
      writeFile: async () => undefined,
      tryLock: async () => ({ acquired: true, release: async () => undefined }),
      close: async () => undefined,
    };
    const dry = new DryRunHost(inner);
    await dry.run(['pvesh', 'get', '/version'], { readOnly: true, label: 'read the version', timeoutMs: 5000 });
    expect(seen).toEqual([{ readOnly: true, label: 'read the version', timeoutMs: 5000, allowFailure: true }]);
    // A dry run takes no lock and changes nothing, also when the inner host would refuse
    const lock = await dry.tryLock();
    expect(lock.acquired).toBe(true);
    expect('owner' in lock).toBe(false);
    await lock.release();
  });
});
