// A Host that answers every command with one scripted result and records what it was asked:
// for the guest transports (pct exec / qm guest exec), whose parsing of Proxmox's answers is
// tested against the shapes qemu-server and qemu-ga produce.
import type { Host, LockAttempt, RunOptions, RunResult } from '../../src/host/types.js';

export class ScriptedHost implements Host {
  readonly name = 'scripted';
  readonly seen: Array<{ argv: readonly string[]; opts: RunOptions }> = [];
  constructor(private readonly answer: RunResult) {}
  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    this.seen.push({ argv, opts });
    return this.answer;
  }
  async readFile(): Promise<string | undefined> {
    return undefined;
  }
  async writeFile(): Promise<void> {}
  async tryLock(): Promise<LockAttempt> {
    return { acquired: true, release: async () => {} };
  }
  async close(): Promise<void> {}
}
