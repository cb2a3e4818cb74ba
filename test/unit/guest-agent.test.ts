import { describe, expect, it } from 'vitest';
import { agentResult, nixosCommand, vmRun } from '../../src/host/guest.js';
import { CommandError } from '../../src/host/types.js';
import { createSimHost } from '../../src/sim/host.js';
import { freshSimDir, readJournal, sim } from '../helpers/sim.js';
import { ScriptedHost } from '../helpers/scriptedHost.js';

// Facts from qemu-server (src/PVE/CLI/qm.pm `exec`, src/PVE/API2/Qemu/Agent.pm `exec-status`) and
// qemu-ga (GUEST_EXEC_MAX_OUTPUT = 16 MiB), and nixpkgs' systemd service PATH for the agent.
const MAIL_IMG = '/var/lib/vz/dump/vzdump-qemu-netsetup-mail.vma.zst';

async function runningVm() {
  const dir = freshSimDir();
  const host = await createSimHost(dir, { images: true }, { env: { NETSETUP_SIM_SPEED: '100000' } });
  await sim(dir, ['qmrestore', MAIL_IMG, '101', '--storage', 'local-lvm']);
  await sim(dir, ['qm', 'start', '101']);
  for (let i = 0; i < 1000 && (await sim(dir, ['qm', 'guest', 'cmd', '101', 'ping'])).exit !== 0; i++) await new Promise((r) => setTimeout(r, 2));
  return { dir, host };
}

describe('what the guest agent answers means', () => {
  it('a process killed by a signal (signal, no exitcode) is a failure', () => {
    expect(agentResult({ exited: 1, signal: 9 })).toMatchObject({ exit: 137 });
    expect(agentResult({ exited: 1, signal: 15, 'err-data': 'x\n' }).stderr).toContain('killed by signal 15');
  });
  it('only a pid (qm stopped waiting) is a failure, not success', () => {
    expect(agentResult({ pid: 4242 }).exit).toBe(124);
    expect(agentResult({ pid: 4242 }).stderr).toContain('pid 4242');
  });
  it('exited without an exit code, or output cut at 16 MiB, is a failure', () => {
    expect(agentResult({ exited: 1 }).exit).not.toBe(0);
    expect(agentResult({ exited: 1, exitcode: 0, 'out-truncated': 1 }).exit).not.toBe(0);
  });
  it('without a pid the message still reads as one (no "undefined")', () => {
    const r = agentResult({});
    expect(r.exit).toBe(124);
    expect(r.stderr).toMatch(/wait limit \(pid \?\)\n$/);
  });
  it('exited with neither exitcode nor signal: says so, not "killed by signal"', () => {
    const r = agentResult({ exited: 1, 'err-data': 'e\n' });
    expect(r.exit).not.toBe(0);
    expect(Number.isInteger(r.exit)).toBe(true);
    expect(r.stderr).toBe('e\nthe guest agent reported no exit code\n');
  });
  it('truncated output (either stream) keeps the output and a failing code, and says it was cut', () => {
    // qemu-ga sets out-truncated / err-truncated (booleans in JSON) when a stream passed 16 MiB
    const out = agentResult({ exited: 1, exitcode: 0, 'out-data': 'head', 'out-truncated': true });
    expect(out).toEqual({ exit: 1, stdout: 'head', stderr: 'output truncated by the guest agent (16 MiB per stream)\n' });
    const err = agentResult({ exited: 1, exitcode: 0, 'err-data': 'e', 'err-truncated': true });
    expect(err).toEqual({ exit: 1, stdout: '', stderr: 'eoutput truncated by the guest agent (16 MiB per stream)\n' });
    // a failing command keeps its own code
    expect(agentResult({ exited: 1, exitcode: 4, 'err-truncated': 1 }).exit).toBe(4);
    expect(agentResult({ exited: 1, exitcode: 0, 'out-truncated': 0, 'err-truncated': false })).toEqual({ exit: 0, stdout: '', stderr: '' });
  });
  it('a signal is a failure with the signal number, whatever else is there', () => {
    expect(agentResult({ exited: 1, signal: 15 })).toEqual({ exit: 143, stdout: '', stderr: 'killed by signal 15\n' });
    expect(agentResult({ exited: true, signal: 9, 'out-data': 'partial' })).toEqual({ exit: 137, stdout: 'partial', stderr: 'killed by signal 9\n' });
  });
  it('a normal exit keeps its code and output', () => {
    expect(agentResult({ exited: 1, exitcode: 0, 'out-data': 'ok\n' })).toEqual({ exit: 0, stdout: 'ok\n', stderr: '' });
    expect(agentResult({ exited: 1, exitcode: 3 }).exit).toBe(3);
  });
});


describe('qm guest exec itself failing after the agent answered', () => {
  it('an interrupted qm (exit 130) that printed a success result is a failure with its message', async () => {
    const h = new ScriptedHost({ exit: 130, stdout: '{"exited":1,"exitcode":0,"out-data":"partial\\n"}\n', stderr: 'interrupted\n' });
    expect(await vmRun(h, 101, ['true'], { allowFailure: true })).toEqual({ exit: 130, stdout: 'partial\n', stderr: 'interrupted\n' });
    const e = await vmRun(h, 101, ['true']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).result.exit).toBe(130);
  });
  it('a failing inner command keeps its own code even when qm also failed', async () => {
    const h = new ScriptedHost({ exit: 255, stdout: '{"exited":1,"exitcode":3,"err-data":"inactive\\n"}', stderr: 'qm: warning\n' });
    expect(await vmRun(h, 101, ['systemctl', 'is-active', 'x'], { allowFailure: true })).toEqual({ exit: 3, stdout: '', stderr: 'inactive\n' });
  });
  it('a success keeps only the guest\'s stderr (qm\'s own warnings, e.g. perl locale, are not the command\'s)', async () => {
    const h = new ScriptedHost({ exit: 0, stdout: '{"exited":1,"exitcode":0,"out-data":"ok\\n","err-data":"w\\n"}', stderr: 'perl: warning: Setting locale failed.\n' });
    expect(await vmRun(h, 101, ['true'])).toEqual({ exit: 0, stdout: 'ok\n', stderr: 'w\n' });
  });
  it('leading blank lines before the JSON are still the agent\'s answer', async () => {
    const h = new ScriptedHost({ exit: 2, stdout: '\n{"exited":1,"exitcode":2}', stderr: '' });
    expect(await vmRun(h, 101, ['false'], { allowFailure: true })).toEqual({ exit: 2, stdout: '', stderr: '' });
  });
});

describe('the agent on NixOS (simulator)', () => {
  it('absolute paths reach the guest unchanged; no command is no path at all', async () => {
    const { dir, host } = await runningVm();
    const before = readJournal(dir).length;
    const r = await vmRun(host, 101, ['/run/current-system/sw/bin/ss', '-Hltn']);
    expect(r.stdout).toMatch(/:22\s/);
    expect(readJournal(dir).slice(before).map((e) => e.argv)).toEqual([['qm', 'guest', 'exec', '101', '--', '/run/current-system/sw/bin/ss', '-Hltn']]);
    expect(nixosCommand([])).toEqual([]);
    // qemu-server: an exec without a command is the agent's "Invalid parameter type for 'path'"
    const none = await vmRun(host, 101, [], { allowFailure: true });
    expect(none.exit).toBe(255);
    expect(none.stderr).toContain("'path'");
  });

  it('finds only coreutils, findutils, grep, sed and systemd by name; vmRun uses absolute paths', async () => {
    const { dir, host } = await runningVm();
    // Bare names outside the agent's PATH fail like qemu-ga does
    for (const cmd of ['ss', 'nixos-rebuild', 'dig', 'postconf']) {
      const r = await sim(dir, ['qm', 'guest', 'exec', '101', '--', cmd]);
      expect(r.exit).toBe(255);
      expect(r.stderr).toContain(`Failed to execute child process “${cmd}”`);
    }
    // coreutils and systemd are on it
    expect(JSON.parse((await sim(dir, ['qm', 'guest', 'exec', '101', '--', 'systemctl', 'is-active', 'sshd'])).stdout).exitcode).toBe(0);
    // An explicit PATH works too
    expect(JSON.parse((await sim(dir, ['qm', 'guest', 'exec', '101', '--', 'env', 'PATH=/run/current-system/sw/bin', 'ss', '-Hltn'])).stdout).exitcode).toBe(0);
    // The wizard's vmRun reaches them all
    const ss = await vmRun(host, 101, ['ss', '-Hltn']);
    expect(ss.exit).toBe(0);
    expect(ss.stdout).toMatch(/:22\s/);
  });

  it('a command past --timeout returns only the pid, and vmRun reports it as still running', async () => {
    const { dir, host } = await runningVm();
    await sim(dir, ['qm', 'guest', 'exec', '101', '--pass-stdin', '1', '--', 'install', '-D', '-m', '0600', '/dev/stdin', '/etc/netsetup/site.json'], { stdin: '{"role":"mail","domain":"example.com"}' });
    const r = await vmRun(host, 101, ['nixos-rebuild', 'switch'], { allowFailure: true });
    expect(r.exit).toBe(124);
    expect(r.stderr).toMatch(/still running in the guest after the agent's wait limit \(pid \d+\)/);
  });

  it('a command killed by a signal reports signal without exitcode, and vmRun fails', async () => {
    const { dir, host } = await runningVm();
    const env = { NETSETUP_SIM_SPEED: '100000', NETSETUP_SIM_SIGNAL: 'sha256sum' };
    const raw = JSON.parse((await sim(dir, ['qm', 'guest', 'exec', '101', '--', 'sha256sum', '/etc/hostname'], { env })).stdout);
    expect(raw).toEqual({ exited: 1, signal: 9 });
    const h2 = await createSimHost(dir, {}, { env: { ...env, NETSETUP_SIM_SIGNAL: 'cat' } });
    await expect(vmRun(h2, 101, ['cat', '/etc/hostname'])).rejects.toThrow(/exited with 137/);
    void host;
  });
});
