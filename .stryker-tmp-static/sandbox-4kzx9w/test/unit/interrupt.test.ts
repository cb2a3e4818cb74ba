// @ts-nocheck
// Ctrl-C semantics below the CLI: a command cut short is a failure whatever it printed, and no
// command or file write starts once the signal has aborted.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InterruptedError } from '../../src/cli/errors.js';
import { vmRun } from '../../src/host/guest.js';
import { InterruptibleHost } from '../../src/host/interruptible.js';
import type { Host, RunOptions, RunResult } from '../../src/host/types.js';

/** A host whose `qm guest exec` prints the agent's JSON but exits like a cancelled command. */
function fakeHost(result: RunResult, seen: string[][] = []): Host {
  return {
    name: 'fake',
    run: async (argv: readonly string[], _o?: RunOptions) => {
      seen.push([...argv]);
      return result;
    },
    readFile: async () => undefined,
    writeFile: async () => {},
    tryLock: async () => ({ acquired: true, release: async () => {} }),
    close: async () => {},
  };
}

describe('an interrupted guest command', () => {
  it('is a failure even when the agent JSON says exitcode 0', async () => {
    // Given qm guest exec that printed {"exitcode":0} but itself ended with 130 (cancelled)
    const host = fakeHost({ exit: 130, stdout: '{"exitcode":0,"exited":1,"out-data":"ok"}', stderr: 'interrupted\n' });
    // Then vmRun reports the outer failure, with or without allowFailure
    await expect(vmRun(host, 101, ['nixos-rebuild', 'switch'])).rejects.toThrow(/exited with 130/);
    const r = await vmRun(host, 101, ['true'], { allowFailure: true });
    expect(r.exit).toBe(130);
  });

  it('keeps the inner exit code when qm itself succeeded', async () => {
    const host = fakeHost({ exit: 0, stdout: '{"exitcode":3,"exited":1,"err-data":"bad"}', stderr: '' });
    const r = await vmRun(host, 101, ['false'], { allowFailure: true });
    expect(r).toEqual({ exit: 3, stdout: '', stderr: 'bad' });
  });
});

describe('InterruptibleHost', () => {
  it('passes the signal to every command, fails a command that ends after Ctrl-C, and starts nothing afterwards', async () => {
    const ac = new AbortController();
    const signals: Array<AbortSignal | undefined> = [];
    const seen: string[][] = [];
    const inner: Host = {
      name: 'fake',
      run: async (argv, o) => {
        seen.push([...argv]);
        signals.push(o?.signal);
        if (argv[0] === 'slow') ac.abort(); // Ctrl-C while this command runs
        return { exit: 0, stdout: '', stderr: '' };
      },
      readFile: async () => 'x',
      writeFile: async () => {},
      tryLock: async () => ({ acquired: true, release: async () => {} }),
      close: async () => {},
    };
    const host = new InterruptibleHost(inner, ac.signal);
    // Given a command before Ctrl-C: it runs and gets the signal
    await expect(host.run(['first'], { readOnly: true })).resolves.toMatchObject({ exit: 0 });
    expect(signals[0]).toBe(ac.signal);
    // When Ctrl-C comes while a command runs, that command counts as failed (interrupted)
    await expect(host.run(['slow'], { allowFailure: true })).rejects.toBeInstanceOf(InterruptedError);
    // Then nothing else starts: no command, no read, no write
    await expect(host.run(['after'])).rejects.toThrow(/interrupted by Ctrl-C before after/);
    await expect(host.readFile('/etc/x')).rejects.toBeInstanceOf(InterruptedError);
    await expect(host.writeFile('/etc/x', 'y')).rejects.toBeInstanceOf(InterruptedError);
    expect(seen).toEqual([['first'], ['slow']]);
  });
});

describe('the process Ctrl-C owner (a child process gets real SIGINTs)', () => {
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));
  function runScript(body: string): { status: number | null; stdout: string; stderr: string } {
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-sigint-'));
    const file = join(dir, 'owner.mts');
    writeFileSync(file, `import { installInterruptOwner, withInterrupt } from ${JSON.stringify(join(ROOT, 'src/cli/interrupt.ts'))};\ninstallInterruptOwner(process.stderr);\n${body}`);
    const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [file], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('outside any work region, Ctrl-C ends the process at once with 130', () => {
    const r = runScript(`setTimeout(() => process.kill(process.pid, 'SIGINT'), 50);\nsetTimeout(() => console.log('still running'), 3000);`);
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/interrupted \(no change was under way\)/);
    expect(r.stdout).not.toContain('still running');
  });

  it('in a work region the first Ctrl-C aborts the signal (the work decides), a second one ends at once', () => {
    const r = runScript(`await withInterrupt(async (signal) => {
  signal.addEventListener('abort', () => { console.log('aborted'); setTimeout(() => process.kill(process.pid, 'SIGINT'), 50); });
  setTimeout(() => process.kill(process.pid, 'SIGINT'), 50);
  await new Promise((r) => setTimeout(r, 5000)); // work that ignores the signal
  console.log('work finished');
});`);
    expect(r.stdout).toContain('aborted');
    expect(r.stdout).not.toContain('work finished');
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(/Ctrl-C: stopping\. The running command is cancelled/);
    expect(r.stderr).toMatch(/stopped at once by a second Ctrl-C.*run the same command again to resume/);
  });
});
