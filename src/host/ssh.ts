// The SSH transport (--host ssh://root@HOST[:PORT]): ssh2, key or agent auth, pinned host key,
// commands quoted by shellQuote, files over SFTP. One reconnect attempt when the link drops, except
// while the run lock is held (the lock lives on the connection that took it).
import { Client, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix } from 'node:path';
import { WorkError } from '../cli/errors.js';
import { KnownHosts, defaultKnownHostsPath } from './knownHosts.js';
import { shellQuote } from './quote.js';
import { awaitHolder, flockArgv, LOCK_BUSY_EXIT, LOCK_READY_LINE } from './flock.js';
import { CommandError, type Host, type LockAttempt, type RunOptions, type RunResult, type WriteFileOptions } from './types.js';

export interface SshTarget {
  user: string;
  host: string;
  port: number;
}

export function parseSshTarget(target: string): SshTarget {
  const m = /^ssh:\/\/([^@\s]+)@(\[[^\]]+\]|[^:\s]+)(?::(\d+))?$/.exec(target);
  if (!m) throw new WorkError(`cannot parse SSH target "${target}"; expected ssh://root@HOST[:PORT]`);
  return { user: m[1]!, host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : 22 };
}

export interface SshOptions {
  env?: NodeJS.ProcessEnv;
  /** Told once when a host is seen for the first time, with its fingerprint. */
  onNewHostKey?: (hostPort: string, fingerprint: string) => void;
  /** Prefix for file paths (tests point it at a simulated host's file tree). Default "/". */
  fsRoot?: string;
}

export class SshHost implements Host {
  readonly name: string;
  private client: Client | undefined;
  private sftpP: Promise<SFTPWrapper> | undefined;
  private connecting: Promise<Client> | undefined;
  private reconnects = 0;
  /** The run lock lives on one connection: once it is held, a new connection would run without it. */
  private lockHeld = false;
  private readonly env: NodeJS.ProcessEnv;
  private readonly fsRoot: string;

  constructor(
    readonly target: SshTarget,
    private readonly opts: SshOptions = {},
  ) {
    this.name = `ssh://${target.user}@${target.host}:${target.port}`;
    this.env = opts.env ?? process.env;
    this.fsRoot = opts.fsRoot ?? this.env.NETSETUP_SSH_FS_ROOT ?? '/';
  }

  private authConfig(): Partial<ConnectConfig> {
    const cfg: Partial<ConnectConfig> = {};
    const keyPath = this.env.NETSETUP_SSH_KEY ?? ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(homedir(), '.ssh', f)).find((p) => existsSync(p));
    if (keyPath) cfg.privateKey = readFileSync(keyPath);
    if (this.env.SSH_AUTH_SOCK) cfg.agent = this.env.SSH_AUTH_SOCK;
    if (!cfg.privateKey && !cfg.agent) {
      throw new WorkError(`no SSH key found for ${this.name}`, { advice: 'Load a key into ssh-agent, or set NETSETUP_SSH_KEY=/path/to/private_key.' });
    }
    return cfg;
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.connecting) return this.connecting;
    const known = new KnownHosts(defaultKnownHostsPath(this.env));
    const hostPort = `${this.target.host}:${this.target.port}`;
    let keyProblem: WorkError | undefined;
    this.connecting = new Promise<Client>((resolve, reject) => {
      const c = new Client();
      c.on('ready', () => {
        this.client = c;
        this.connecting = undefined;
        resolve(c);
      });
      c.on('error', (err) => {
        this.connecting = undefined;
        reject(keyProblem ?? new WorkError(`cannot connect to ${this.name}: ${err.message}`, { advice: 'Check the address, port and that your key is in /root/.ssh/authorized_keys on the host.' }));
      });
      c.on('close', () => {
        if (this.client === c) {
          this.client = undefined;
          this.sftpP = undefined;
        } else if (this.connecting) {
          // The server hung up before the session was ready (e.g. during the handshake).
          this.connecting = undefined;
          reject(keyProblem ?? new WorkError(`cannot connect to ${this.name}: the server closed the connection during the handshake`, { advice: 'Check that an SSH server (not another service) listens on that port, and that it accepts root logins with a key.' }));
        }
      });
      c.connect({
        host: this.target.host,
        port: this.target.port,
        username: this.target.user,
        readyTimeout: 20_000,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
        ...this.authConfig(),
        hostVerifier: (key: Buffer) => {
          const r = known.check(hostPort, key);
          if (r.status === 'new') this.opts.onNewHostKey?.(hostPort, r.fingerprint);
          if (r.status === 'changed') {
            keyProblem = new WorkError(`the host key of ${hostPort} has changed: pinned ${r.expected}, offered ${r.got}. Refusing to connect`, {
              advice: `If the host was reinstalled, check the new key on its console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and remove "${hostPort}" from ${known.path}.`,
            });
            return false;
          }
          return true;
        },
      });
    });
    return this.connecting;
  }

  /** Connect, or reconnect once after the link dropped. */
  private async ensure(): Promise<Client> {
    if (this.client) return this.client;
    if (this.lockHeld) {
      throw new WorkError(`the connection to ${this.name} dropped, and the run lock on the host went with it; stopping, so that no other run works on the site at the same time`, {
        advice: 'Run the same command again: every step checks the host first, so it resumes.',
      });
    }
    if (this.reconnects > 1) throw new WorkError(`lost the connection to ${this.name} twice`);
    this.reconnects++;
    return this.connect();
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const client = await this.ensure();
    const cmd = shellQuote(argv);
    const result = await new Promise<RunResult>((resolve, reject) => {
      client.exec(cmd, (err, stream) => {
        if (err) return reject(new WorkError(`cannot run a command on ${this.name}: ${err.message}`));
        let stdout = '';
        let stderr = '';
        let exit: number | undefined;
        const onAbort = () => stream.close();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const timer = opts.timeoutMs ? setTimeout(() => stream.close(), opts.timeoutMs) : undefined;
        stream.on('data', (d: Buffer) => {
          stdout += d.toString();
          opts.onOutput?.(d.toString(), 'stdout');
        });
        stream.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          opts.onOutput?.(d.toString(), 'stderr');
        });
        stream.on('exit', (code: number | null) => {
          exit = code ?? 255;
        });
        stream.on('close', () => {
          if (timer) clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          resolve({ exit: exit ?? (opts.signal?.aborted ? 130 : 255), stdout, stderr });
        });
        stream.end(opts.stdin ?? '');
      });
    });
    if (result.exit !== 0 && !opts.allowFailure) throw new CommandError(argv, result, this.name);
    return result;
  }

  private async sftp(): Promise<SFTPWrapper> {
    const client = await this.ensure();
    this.sftpP ??= new Promise((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
    return this.sftpP;
  }

  private remote(path: string): string {
    return this.fsRoot === '/' ? path : posix.join(this.fsRoot, path);
  }

  async readFile(path: string): Promise<string | undefined> {
    const sftp = await this.sftp();
    return new Promise((resolve, reject) => {
      sftp.readFile(this.remote(path), (err: (Error & { code?: number }) | null | undefined, data: Buffer) => {
        if (err) return err.code === 2 ? resolve(undefined) : reject(new WorkError(`cannot read ${path} on ${this.name}: ${err.message}`));
        resolve(data.toString('utf8'));
      });
    });
  }

  async writeFile(path: string, content: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    const target = this.remote(path);
    await this.run(['mkdir', '-p', ...(opts.secret ? ['-m', '0700'] : []), posix.dirname(target)], { label: `create ${posix.dirname(path)}` });
    const sftp = await this.sftp();
    const tmp = `${target}.netsetup-tmp`;
    const mode = opts.mode ?? 0o644;
    await new Promise<void>((resolve, reject) => {
      // The file is created with its final mode: a secret is never world-readable, not even briefly.
      sftp.writeFile(tmp, content, { mode }, (err) => (err ? reject(new WorkError(`cannot write ${path} on ${this.name}: ${err.message}`)) : resolve()));
    });
    await new Promise<void>((resolve, reject) => sftp.chmod(tmp, mode, (err) => (err ? reject(err) : resolve())));
    await new Promise<void>((resolve, reject) => sftp.ext_openssh_rename(tmp, target, (err) => (err ? reject(new WorkError(`cannot write ${path} on ${this.name}: ${err.message}`)) : resolve())));
  }

  /**
   * The run lock: `flock --nonblock LOCK cat` runs on the host in its own session channel. When
   * this process dies or the link drops, sshd closes the channel, cat sees the end of its input
   * and exits, and flock releases the lock.
   */
  async tryLock(path: string, owner: string): Promise<LockAttempt> {
    const lockFile = this.remote(path);
    await this.run(['mkdir', '-p', posix.dirname(lockFile)], { label: `create ${posix.dirname(path)}` });
    const client = await this.ensure();
    const stream = await new Promise<import('ssh2').ClientChannel>((resolve, reject) =>
      client.exec(shellQuote(flockArgv(lockFile)), (err, s) => (err ? reject(new WorkError(`cannot take the run lock on ${this.name}: ${err.message}`)) : resolve(s))),
    );
    stream.on('error', () => {}); // a refused lock closes the channel under our line
    stream.write(`${LOCK_READY_LINE}\n`);
    let exitCode: number | null = null;
    const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
    const r = await awaitHolder(
      (cb) => stream.on('data', (d: Buffer) => cb(d.toString())),
      (cb) => stream.stderr.on('data', (d: Buffer) => cb(d.toString())),
      (cb) => {
        stream.once('exit', (code: number | null) => (exitCode = code));
        void closed.then(() => cb(exitCode));
      },
    );
    if (!r.acquired) {
      if (r.exit === LOCK_BUSY_EXIT) return { acquired: false, owner: await this.readFile(`${path}.owner`), release: async () => {} };
      stream.close();
      throw new WorkError(`cannot take the run lock ${path} on ${this.name}: ${r.stderr.trim() || `flock exited with ${r.exit ?? 'no status'}`}`, { advice: 'flock (util-linux) must be installed on the host.' });
    }
    const stale = await this.readFile(`${path}.owner`);
    await this.writeFile(`${path}.owner`, owner, { label: 'run lock owner' });
    this.lockHeld = true;
    let released = false;
    return {
      acquired: true,
      ...(stale !== undefined ? { owner: stale } : {}),
      release: async () => {
        if (released) return;
        released = true;
        if (!this.client) {
          // The connection is gone, and the lock with it; a later action may connect and lock anew.
          this.lockHeld = false;
          return;
        }
        const sftp = await this.sftp().catch(() => undefined);
        if (sftp) await new Promise<void>((resolve) => sftp.unlink(this.remote(`${path}.owner`), () => resolve()));
        stream.end();
        await closed;
        this.lockHeld = false;
      },
    };
  }

  async close(): Promise<void> {
    this.client?.end();
    this.client = undefined;
  }
}
