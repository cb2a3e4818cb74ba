// @ts-nocheck
// One interface for every way of reaching a Proxmox host: local (execa, no shell), SSH (ssh2),
// dry run (records, executes nothing) and the simulator. Tasks never know which one they got.

export interface RunOptions {
  /** Bytes fed to the command's stdin. The only way secrets travel into a command. */
  stdin?: string | Buffer;
  /** stdin holds no secret (e.g. a site JSON file), so a dry run may show it. Default: secret. */
  stdinPublic?: boolean;
  /** Public but long: the dry run shows this line instead of the content. */
  stdinSummary?: string;
  /** The command prints a secret (e.g. a new API token): the log keeps its output out. */
  secretOutput?: boolean;
  /** Cancels the command (Ctrl-C). */
  signal?: AbortSignal;
  /** Streaming output, e.g. into listr2's task.stdout(). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
  /** Do not throw on a non-zero exit; the caller inspects `exit`. Default false. */
  allowFailure?: boolean;
  /** Human label for logs and dry-run output, e.g. "create the PMG container". */
  label?: string;
  /** True when the command only reads state (dry run executes it; journal marks it unmutating). */
  readOnly?: boolean;
  /** Kill the command after this many ms. */
  timeoutMs?: number;
}

export interface RunResult {
  exit: number;
  stdout: string;
  stderr: string;
}

export interface WriteFileOptions {
  /** Octal permission bits, default 0o644; secrets use 0o600. */
  mode?: number;
  /** Label for logs / dry run. */
  label?: string;
  /** Content is secret: the dry run and logs show «redacted» instead. */
  secret?: boolean;
}

/** The result of trying to take the host's run lock (see Host.tryLock). */
export interface LockAttempt {
  acquired: boolean;
  /**
   * The owner note found beside the lock: when not acquired, the active run's; when acquired,
   * one a run left behind without releasing (it was killed or lost its connection).
   */
  owner?: string;
  /** Give the lock up and remove the owner note (a no-op when not acquired). */
  release(): Promise<void>;
}

export interface Host {
  /** Display name: local, ssh://root@host:22, sim:/tmp/site, dry-run. */
  readonly name: string;
  /** Run argv (no shell). Throws CommandError on non-zero exit unless allowFailure. */
  run(argv: readonly string[], opts?: RunOptions): Promise<RunResult>;
  /** Read a file on the host; undefined when it does not exist. */
  readFile(path: string): Promise<string | undefined>;
  /** Write a file atomically with the given mode (parent directories created). */
  writeFile(path: string, content: string | Buffer, opts?: WriteFileOptions): Promise<void>;
  /**
   * Take an exclusive flock(2) on `path` on the host without waiting, held by a process on the
   * host for as long as this run lives (a killed run's lock goes with its process), and keep
   * `owner` in `path`.owner while it is held.
   */
  tryLock(path: string, owner: string): Promise<LockAttempt>;
  close(): Promise<void>;
}

export class CommandError extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly result: RunResult,
    readonly hostName: string,
  ) {
    super(`${argv.slice(0, 3).join(' ')}${argv.length > 3 ? ' …' : ''} exited with ${result.exit}`);
  }
}
