// @ts-nocheck
// SimHost: the Host interface over the simulator. Commands go through runSim; files live in
// DIR/fs/<absolute path>; writes are journalled as ["<write>", path] (never their contents).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localFlock } from '../host/flock.js';
import { CommandError, type Host, type LockAttempt, type RunOptions, type RunResult, type WriteFileOptions } from '../host/types.js';
import { SIM_LATENCY_MS, scaled, sleep } from './latency.js';
import { journal, runSim } from './run.js';
import { fsPath, statePath, withState, writeHostFile, type SimSeed } from './state.js';

export class SimHost implements Host {
  readonly name: string;

  constructor(
    readonly dir: string,
    private readonly opts: { env?: Record<string, string | undefined> } = {},
  ) {
    this.name = `sim:${dir}`;
  }

  private get env(): Record<string, string | undefined> {
    return this.opts.env ?? process.env;
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const ac = new AbortController();
    const timer = opts.timeoutMs ? setTimeout(() => ac.abort(new Error('timeout')), opts.timeoutMs) : undefined;
    const onAbort = () => ac.abort(opts.signal?.reason);
    if (opts.signal?.aborted) ac.abort(opts.signal.reason);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const r = await runSim([...argv], { dir: this.dir, stdin: opts.stdin, env: this.env, signal: ac.signal });
      if (r.stdout) opts.onOutput?.(r.stdout, 'stdout');
      if (r.stderr) opts.onOutput?.(r.stderr, 'stderr');
      if (r.exit !== 0 && !opts.allowFailure) throw new CommandError(argv, r, this.name);
      return r;
    } finally {
      if (timer) clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  async readFile(path: string): Promise<string | undefined> {
    await ensureSimState(this.dir);
    const p = fsPath(this.dir, path);
    return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  }

  async writeFile(path: string, content: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    await withState(this.dir, () => {
      writeHostFile(this.dir, path, content, opts.mode ?? 0o644);
      return { value: undefined, save: false };
    });
    await sleep(scaled('host file write', this.env));
    journal(this.dir, { argv: ['<write>', path], target: 'host', mutated: true, exit: 0, ms: SIM_LATENCY_MS['host file write'] });
  }

  /** The host's run lock: a real flock on the file inside the simulated host's tree (not journalled). */
  async tryLock(path: string, owner: string): Promise<LockAttempt> {
    await ensureSimState(this.dir);
    return localFlock(fsPath(this.dir, path), owner, this.name);
  }

  async close(): Promise<void> {}
}

/** Create the state of a fresh simulated host in `dir` (no-op when it exists). */
export async function ensureSimState(dir: string): Promise<void> {
  await withState(dir, () => ({ value: undefined, save: false }));
}

/**
 * A simulated host in `dir`, customised by `overrides` when the directory is fresh (other bridge
 * or subnet, no images, less RAM, …). Overrides are stored as DIR/seed.json.
 */
export async function createSimHost(dir: string, overrides: SimSeed = {}, opts: { env?: Record<string, string | undefined> } = {}): Promise<SimHost> {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(statePath(dir)) && Object.keys(overrides).length) writeFileSync(join(dir, 'seed.json'), JSON.stringify(overrides, null, 2));
  await ensureSimState(dir);
  return new SimHost(dir, opts);
}
