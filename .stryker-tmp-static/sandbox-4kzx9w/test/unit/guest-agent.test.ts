// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { agentResult, vmRun } from '../../src/host/guest.js';
import { createSimHost } from '../../src/sim/host.js';
import { freshSimDir, sim } from '../helpers/sim.js';

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
  it('a normal exit keeps its code and output', () => {
    expect(agentResult({ exited: 1, exitcode: 0, 'out-data': 'ok\n' })).toEqual({ exit: 0, stdout: 'ok\n', stderr: '' });
    expect(agentResult({ exited: 1, exitcode: 3 }).exit).toBe(3);
  });
});

describe('the agent on NixOS (simulator)', () => {
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
