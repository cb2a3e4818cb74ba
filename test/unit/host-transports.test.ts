// The Host implementations and the log writer, with real processes and files. The secrets are
// sentinels this test picks; the oracle is the bytes on disk, never the product's idea of a secret.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalHost } from '../../src/host/local.js';
import { Log, LoggedHost } from '../../src/host/logged.js';
import { DryRunHost } from '../../src/host/dryRun.js';
import { ctArgv, ctRun, vmArgv, vmRun } from '../../src/host/guest.js';
import { CommandError, type Host, type LockAttempt, type RunOptions, type RunResult } from '../../src/host/types.js';
import { ScriptedHost } from '../helpers/scriptedHost.js';

// Chosen here, looked for everywhere below.
const SENTINEL = 'Sentinel-Qx7-walrus';
const SENTINEL_LONG = `${SENTINEL}-and-more`; // contains the first one: must vanish whole
const work = () => mkdtempSync(join(tmpdir(), 'netsetup-host-'));

describe('LocalHost', () => {
  const host = new LocalHost();

  it('runs argv without a shell, feeds stdin, streams output and returns it unstripped', async () => {
    const chunks: string[] = [];
    const r = await host.run(['sh', '-c', 'cat; printf "err\\n" >&2', 'sh', '$(id)'], { stdin: 'in\n', onOutput: (c, s) => chunks.push(`${s}:${c}`) });
    expect(r).toEqual({ exit: 0, stdout: 'in\n', stderr: 'err\n' });
    expect(chunks).toEqual(expect.arrayContaining(['stdout:in\n', 'stderr:err\n']));
    // An argument is one argv element, not shell text
    const echo = await host.run(['printf', '%s|', 'a b', '$(id)', "it's"]);
    expect(echo.stdout).toBe("a b|$(id)|it's|");
    expect(host.name).toBe('local');
  });

  it('throws CommandError with the result on a non-zero exit, unless allowFailure', async () => {
    const e = await host.run(['sh', '-c', 'echo out; echo bad >&2; exit 3']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).result).toEqual({ exit: 3, stdout: 'out\n', stderr: 'bad\n' });
    expect((e as CommandError).hostName).toBe('local');
    expect((e as CommandError).message).toBe('sh -c echo out; echo bad >&2; exit 3 exited with 3');
    const ok = await host.run(['sh', '-c', 'exit 4'], { allowFailure: true });
    expect(ok.exit).toBe(4);
  });

  it('reports a missing program as exit 127 with the reason, and refuses an empty argv', async () => {
    const r = await host.run(['/nonexistent/netsetup-no-such-program'], { allowFailure: true });
    expect(r.exit).toBe(127);
    expect(r.stderr).toMatch(/ENOENT|not found|no such file/i);
    await expect(host.run([])).rejects.toThrow('LocalHost.run: empty argv');
  });

  it('kills a command at its timeout and when the signal aborts', async () => {
    const t0 = Date.now();
    const r = await host.run(['sleep', '5'], { timeoutMs: 200, allowFailure: true });
    expect(r.exit).not.toBe(0);
    expect(Date.now() - t0).toBeLessThan(4000);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const a = await host.run(['sleep', '5'], { signal: ac.signal, allowFailure: true });
    expect(a.exit).not.toBe(0);
    expect(Date.now() - t0).toBeLessThan(8000);
  });

  it('writes files atomically with their mode, secrets root-only from creation; reads them back', async () => {
    const dir = work();
    const secret = join(dir, 'new', 'deeper', 'relay.pass');
    await host.writeFile(secret, `${SENTINEL}\n`, { mode: 0o600, secret: true });
    expect(readFileSync(secret, 'utf8')).toBe(`${SENTINEL}\n`);
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'new', 'deeper')).mode & 0o777).toBe(0o700);
    const pub = join(dir, 'pub', 'site.json');
    await host.writeFile(pub, Buffer.from('{}'));
    expect(statSync(pub).mode & 0o777).toBe(0o644);
    expect(statSync(join(dir, 'pub')).mode & 0o777).toBe(0o755);
    // Overwriting keeps no temporary file behind
    await host.writeFile(pub, 'x', { mode: 0o640 });
    expect(statSync(pub).mode & 0o777).toBe(0o640);
    expect(readFileSync(pub, 'utf8')).toBe('x');
    expect(readdirSync(join(dir, 'pub'))).toEqual(['site.json']);
    expect(await host.readFile(pub)).toBe('x');
    expect(await host.readFile(join(dir, 'absent'))).toBeUndefined();
    await expect(host.readFile(dir)).rejects.toMatchObject({ code: 'EISDIR' });
    await host.close();
  });
});

describe('the log writer redacts what a command really printed', () => {
  it('a secret echoed on stdout and stderr, and one given in argv, never reach the log file', async () => {
    // Given a log that knows the test's sentinels, over a real local host
    const dir = work();
    const path = join(dir, 'logs', 'install.log');
    const log = new Log(path, () => [SENTINEL_LONG, SENTINEL]);
    const host = new LoggedHost(new LocalHost(), log);
    // When a command reads the secret from stdin and echoes it on both streams, then fails
    const script = 'read -r s; echo "token=$s"; echo "warning: $s rejected" >&2; exit 3';
    const e = await host.run(['sh', '-c', script], { stdin: `${SENTINEL_LONG}\n` }).catch((x: unknown) => x);
    // And another succeeds printing it, and one even carries it in argv
    const ok = await host.run(['sh', '-c', 'read -r s; echo "$s"; echo "$s" >&2'], { stdin: `${SENTINEL}\n` });
    await host.run(['echo', `pw=${SENTINEL}`]);
    // Then the caller still gets the real output (the secret is needed, e.g. a new token)
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).result.stdout).toBe(`token=${SENTINEL_LONG}\n`);
    expect(ok.stdout).toBe(`${SENTINEL}\n`);
    // But the log file holds the commands, exit codes and output with the secret replaced
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain(SENTINEL);
    expect(text).not.toContain('Qx7');
    expect(text).toContain('exit 3');
    expect(text).toContain('token=«redacted»');
    expect(text).toContain('warning: «redacted» rejected');
    expect(text).toContain('pw=«redacted»');
    expect(text).toContain('<stdin withheld>');
    expect(text).not.toContain('«redacted»-and-more');
    // And the log is root-only
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps the output of secretOutput commands out, logs writes without content, and notes failures', async () => {
    const dir = work();
    const path = join(dir, 'install.log');
    const log = new Log(path, () => []);
    const host = new LoggedHost(new LocalHost(), log);
    expect(host.name).toBe('local');
    // A command whose output is a secret the log cannot know in advance (a new API token)
    const r = await host.run(['printf', '%s%s\n', 'fresh-token-', 'value-1234'], { secretOutput: true });
    expect(r.stdout).toBe('fresh-token-value-1234\n');
    await host.run(['true'], { secretOutput: true });
    await host.writeFile(join(dir, 'f', 'secret.pass'), SENTINEL, { mode: 0o600, secret: true });
    await host.writeFile(join(dir, 'f', 'public.txt'), 'hello');
    expect(await host.readFile(join(dir, 'f', 'public.txt'))).toBe('hello');
    await host.close();
    // A transport error (not a command's exit code) is logged as such
    const broken = new LocalHost();
    broken.run = async () => {
      throw new Error('the link dropped');
    };
    await expect(new LoggedHost(broken, log).run(['true'])).rejects.toThrow('the link dropped');
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('fresh-token-value-1234');
    expect(text).toContain('(withheld: holds a secret)');
    expect(text.match(/withheld: holds a secret/g)).toHaveLength(1); // empty output is not "withheld"
    expect(text).toContain(`wrote ${join(dir, 'f', 'secret.pass')} mode 600 (${SENTINEL.length} bytes, secret: content not logged)`);
    expect(text).toContain(`wrote ${join(dir, 'f', 'public.txt')} mode 644 (5 bytes)`);
    expect(text).not.toContain(SENTINEL);
    expect(text).toContain('[local] $ true\n    failed: the link dropped');
    // Each entry starts with an ISO time; continuation lines are indented
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(\d{4}-\d\d-\d\dT[\d:.]+Z \S|    )/);
  });

  it('cuts very long output and appends to an existing log', async () => {
    const dir = work();
    const path = join(dir, 'install.log');
    writeFileSync(path, 'earlier run\n', { mode: 0o600 });
    const host = new LoggedHost(new LocalHost(), new Log(path, () => []));
    await host.run(['sh', '-c', 'head -c 25000 /dev/zero | tr "\\0" x']);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('earlier run\n')).toBe(true);
    expect(text).toContain('… (5000 more bytes)');
    expect(text).not.toContain('x'.repeat(20_001));
    expect(text).toContain('x'.repeat(20_000));
  });
});

describe('DryRunHost', () => {
  class Recorder implements Host {
    readonly name = 'rec';
    calls: Array<{ argv: readonly string[]; opts: RunOptions }> = [];
    closed = false;
    async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
      this.calls.push({ argv, opts });
      return { exit: 5, stdout: 'facts', stderr: '' };
    }
    async readFile(path: string) {
      return path === '/etc/hostname' ? 'pve\n' : undefined;
    }
    async writeFile(): Promise<void> {
      throw new Error('a dry run must not write');
    }
    async tryLock(): Promise<LockAttempt> {
      throw new Error('a dry run must not lock');
    }
    async close() {
      this.closed = true;
    }
  }

  it('asks the inner host read-only questions (never failing) and records everything else', async () => {
    const inner = new Recorder();
    const dry = new DryRunHost(inner);
    expect(dry.name).toBe('dry-run(rec)');
    expect(await dry.run(['pvesh', 'get', '/nodes'], { readOnly: true })).toEqual({ exit: 5, stdout: 'facts', stderr: '' });
    expect(inner.calls[0]!.opts.allowFailure).toBe(true);
    expect(await dry.readFile('/etc/hostname')).toBe('pve\n');
    // Changing commands are recorded, never run
    expect(await dry.run(['pct', 'create', '100'], { label: 'create' })).toEqual({ exit: 0, stdout: '', stderr: '' });
    await dry.run(['chpasswd'], { stdin: `root:${SENTINEL}` });
    await dry.run(['pct', 'push'], { stdin: '{"site":1}', stdinPublic: true });
    await dry.run(['install'], { stdin: 'long', stdinPublic: true, stdinSummary: '(42 lines)' });
    await dry.writeFile('/etc/secret', SENTINEL, { mode: 0o600, secret: true, label: 'secret' });
    await dry.writeFile('/etc/public', Buffer.from('text'));
    expect(inner.calls).toHaveLength(1);
    expect(dry.actions).toEqual([
      { kind: 'run', argv: ['pct', 'create', '100'], label: 'create', secret: false, content: undefined },
      { kind: 'run', argv: ['chpasswd'], label: undefined, secret: true, content: undefined },
      { kind: 'run', argv: ['pct', 'push'], label: undefined, secret: false, content: '{"site":1}' },
      { kind: 'run', argv: ['install'], label: undefined, secret: false, content: '(42 lines)' },
      { kind: 'write', argv: ['/etc/secret'], label: 'secret', secret: true, content: undefined, mode: 0o600 },
      { kind: 'write', argv: ['/etc/public'], label: undefined, secret: false, content: 'text', mode: 0o644 },
    ]);
    expect(JSON.stringify(dry.actions)).not.toContain(SENTINEL);
    await dry.close();
    expect(inner.closed).toBe(true);
  });

  it('without a host, read-only questions fail softly and files do not exist', async () => {
    const dry = new DryRunHost(undefined);
    expect(dry.name).toBe('dry-run(fresh host)');
    expect(await dry.run(['pveversion'], { readOnly: true })).toEqual({ exit: 1, stdout: '', stderr: 'dry run: no host to ask' });
    expect(await dry.readFile('/etc/hostname')).toBeUndefined();
    await dry.close();
  });
});

describe('commands inside guests', () => {
  it('builds pct exec and qm guest exec argv (the Proxmox CLI shapes)', async () => {
    expect(ctArgv(100, ['ss', '-Hltn'])).toEqual(['pct', 'exec', '100', '--', 'ss', '-Hltn']);
    // Inside NixOS the command is named by its system-profile path (the agent's PATH is not the shell's)
    expect(vmArgv(101, ['true'])).toEqual(['qm', 'guest', 'exec', '101', '--', '/run/current-system/sw/bin/true']);
    expect(vmArgv(101, ['cat'], { stdin: true, timeoutS: 600 })).toEqual(['qm', 'guest', 'exec', '101', '--pass-stdin', '1', '--timeout', '600', '--', '/run/current-system/sw/bin/cat']);
    const h = new ScriptedHost({ exit: 0, stdout: 'x', stderr: '' });
    expect(await ctRun(h, 100, ['id'], { label: 'l' })).toEqual({ exit: 0, stdout: 'x', stderr: '' });
    expect(h.seen[0]).toEqual({ argv: ['pct', 'exec', '100', '--', 'id'], opts: { label: 'l' } });
  });

  it('turns the guest agent JSON into the inner exit code and output', async () => {
    const h = new ScriptedHost({ exit: 0, stdout: JSON.stringify({ exitcode: 0, exited: 1, 'out-data': 'active\n', 'err-data': 'w\n' }), stderr: '' });
    expect(await vmRun(h, 101, ['systemctl', 'is-active', 'postfix'], { stdin: 'in', timeoutS: 30 })).toEqual({ exit: 0, stdout: 'active\n', stderr: 'w\n' });
    expect(h.seen[0]!.argv).toEqual(['qm', 'guest', 'exec', '101', '--pass-stdin', '1', '--timeout', '30', '--', '/run/current-system/sw/bin/systemctl', 'is-active', 'postfix']);
    expect(h.seen[0]!.opts.allowFailure).toBe(true);
    // A failing inner command: CommandError naming the inner argv and the VM, or the result when allowed
    const bad = new ScriptedHost({ exit: 0, stdout: JSON.stringify({ exitcode: 3, exited: 1, 'err-data': 'inactive\n' }), stderr: '' });
    const e = await vmRun(bad, 101, ['systemctl', 'is-active', 'x']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).argv).toEqual(['/run/current-system/sw/bin/systemctl', 'is-active', 'x']);
    expect((e as CommandError).hostName).toBe('scripted VM 101');
    expect((e as CommandError).result).toEqual({ exit: 3, stdout: '', stderr: 'inactive\n' });
    expect(await vmRun(bad, 101, ['x'], { allowFailure: true })).toEqual({ exit: 3, stdout: '', stderr: 'inactive\n' });
  });

  it('an agent that is not running is the outer command failing', async () => {
    const down = new ScriptedHost({ exit: 255, stdout: '', stderr: 'QEMU guest agent is not running\n' });
    const e = await vmRun(down, 102, ['true']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).argv).toEqual(['qm', 'guest', 'exec', '102', '--', '/run/current-system/sw/bin/true']);
    expect((e as CommandError).result.exit).toBe(255);
    expect(await vmRun(down, 102, ['true'], { allowFailure: true })).toEqual({ exit: 255, stdout: '', stderr: 'QEMU guest agent is not running\n' });
    // Non-JSON on success is a protocol error, not a silent success
    const garbage = new ScriptedHost({ exit: 0, stdout: 'not json', stderr: '' });
    const g = await vmRun(garbage, 102, ['true']).catch((x: unknown) => x);
    expect(g).toBeInstanceOf(CommandError);
    expect((g as CommandError).result).toEqual({ exit: 1, stdout: 'not json', stderr: 'unexpected guest agent output' });
    // A failing outer command whose output is still the agent's JSON is parsed
    const jsonFail = new ScriptedHost({ exit: 2, stdout: '{"exitcode":2,"exited":1}', stderr: '' });
    expect(await vmRun(jsonFail, 102, ['x'], { allowFailure: true })).toEqual({ exit: 2, stdout: '', stderr: '' });
    const jsonGarbage = new ScriptedHost({ exit: 7, stdout: '{broken', stderr: 'e:' });
    expect(((await vmRun(jsonGarbage, 1, ['x']).catch((x: unknown) => x)) as CommandError).result).toEqual({ exit: 7, stdout: '{broken', stderr: 'e:unexpected guest agent output' });
    // Nothing executed (dry run): the empty result is passed through
    expect(await vmRun(new ScriptedHost({ exit: 0, stdout: '  ', stderr: '' }), 1, ['x'])).toEqual({ exit: 0, stdout: '  ', stderr: '' });
  });
});
