// The SSH transport (--host ssh://root@HOST[:PORT]): ssh2, key or agent auth, host key checked
// against OpenSSH's known_hosts and our pin file (src/host/knownHosts.ts), commands quoted by
// shellQuote, files over SFTP. One reconnect attempt when the link drops, except while the run
// lock is held (the lock lives on the connection that took it).
import { Client, utils as ssh2Utils, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix } from 'node:path';
import { InterruptedError, UsageError, WorkError } from '../cli/errors.js';
import { KnownHosts, OpenSshKnownHosts, defaultKnownHostsPath, fingerprint, hostKeyAlgorithms, keyType, openSshHostName, openSshKnownHostsPaths } from './knownHosts.js';
import { hostPortLabel, parseSshTarget, type SshTarget } from './sshTarget.js';
import { shellQuote } from './quote.js';
import { awaitHolder, flockArgv, LOCK_BUSY_EXIT, LOCK_READY_LINE, runLockError } from './flock.js';
import { CommandError, type Host, type LockAttempt, type RunOptions, type RunResult, type WriteFileOptions } from './types.js';

export { parseSshTarget, type SshTarget };
export { keyTypeLabel, defaultKnownHostsPath } from './knownHosts.js';

export interface NewHostKey {
  hostPort: string;
  /** OpenSSH key type, e.g. ssh-ed25519. */
  type: string;
  fingerprint: string;
  pinFile: string;
}

export interface SshOptions {
  env?: NodeJS.ProcessEnv;
  /** Told once a new host key was accepted and pinned. */
  onNewHostKey?: (hostPort: string, fingerprint: string) => void;
  /**
   * A host neither OpenSSH's known_hosts nor the pin file knows: show the fingerprint and decide.
   * Absent: refused (fail closed). It runs between two connection attempts, so a person may take
   * their time (no handshake is waiting).
   */
  confirmNewHostKey?: (key: NewHostKey) => Promise<boolean>;
  /** Ask for the passphrase of an encrypted private key (masked). Absent: such keys are refused. */
  askPassphrase?: (keyPath: string, attempt: number) => Promise<string>;
  /** Prefix for file paths (tests point it at a simulated host's file tree). Default "/". */
  fsRoot?: string;
}

interface KeyFile {
  path: string;
  data: Buffer;
  encrypted: boolean;
}

export class SshHost implements Host {
  readonly name: string;
  private client: Client | undefined;
  private sftpP: Promise<SFTPWrapper> | undefined;
  private opening: Promise<Client> | undefined;
  private reconnects = 0;
  private runSeq = 0;
  /** The run lock lives on one connection: once it is held, a new connection would run without it. */
  private lockHeld = false;
  private readonly env: NodeJS.ProcessEnv;
  private readonly fsRoot: string;
  private readonly hostPort: string;
  private auth: Partial<ConnectConfig> | undefined;
  /** The fingerprint the technician accepted for a new host (then pinned on the next handshake). */
  private acceptedNew: string | undefined;

  constructor(
    readonly target: SshTarget,
    private readonly opts: SshOptions = {},
  ) {
    this.hostPort = hostPortLabel(target);
    this.name = `ssh://${target.user}@${this.hostPort}`;
    this.env = opts.env ?? process.env;
    this.fsRoot = opts.fsRoot ?? this.env.NETSETUP_SSH_FS_ROOT ?? '/';
  }

  private home(): string {
    return this.env.HOME ?? homedir();
  }

  /** The private keys to offer: NETSETUP_SSH_KEY (must exist), else ~/.ssh/id_{ed25519,ecdsa,rsa}. */
  private keyFiles(): KeyFile[] {
    const explicit = this.env.NETSETUP_SSH_KEY;
    const paths = explicit ? [explicit] : ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(this.home(), '.ssh', f)).filter((p) => existsSync(p));
    const out: KeyFile[] = [];
    for (const path of paths) {
      let data: Buffer;
      try {
        data = readFileSync(path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`${explicit ? 'NETSETUP_SSH_KEY: ' : ''}the private key file ${path} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`}`, 'set NETSETUP_SSH_KEY to the path of your private key (e.g. ~/.ssh/id_ed25519), or unset it to use ssh-agent');
      }
      const parsed = ssh2Utils.parseKey(data);
      if (parsed instanceof Error) {
        if (/passphrase|encrypted/i.test(parsed.message)) out.push({ path, data, encrypted: true });
        else if (explicit) throw new UsageError(`NETSETUP_SSH_KEY: ${path} is not a private key this program can read (${parsed.message})`, 'point NETSETUP_SSH_KEY at an OpenSSH or PEM private key (ssh-keygen -t ed25519 makes one)');
        continue;
      }
      out.push({ path, data, encrypted: false });
    }
    return out;
  }

  /** Keys and agent, decided before connecting: a passphrase is asked here, never mid-handshake. */
  private async authConfig(): Promise<Partial<ConnectConfig>> {
    if (this.auth) return this.auth;
    const agent = this.env.SSH_AUTH_SOCK || undefined;
    const keys = this.keyFiles();
    const plain = keys.find((k) => !k.encrypted);
    const encrypted = keys.find((k) => k.encrypted);
    const cfg: Partial<ConnectConfig> = {};
    if (agent) cfg.agent = agent;
    if (plain) cfg.privateKey = plain.data;
    else if (encrypted && !agent) {
      if (!this.opts.askPassphrase) {
        throw new UsageError(
          `the SSH key ${encrypted.path} is protected by a passphrase and there is no terminal to ask for it`,
          `load it into ssh-agent (eval "$(ssh-agent)"; ssh-add ${encrypted.path}) and run again, or pass NETSETUP_SSH_KEY=/path/to/a_key_without_passphrase`,
        );
      }
      for (let attempt = 1; ; attempt++) {
        const pass = await this.opts.askPassphrase(encrypted.path, attempt);
        const key = ssh2Utils.parseKey(encrypted.data, pass);
        if (!(key instanceof Error)) {
          cfg.privateKey = encrypted.data;
          cfg.passphrase = pass;
          break;
        }
        if (attempt >= 3) throw new WorkError(`wrong passphrase for ${encrypted.path} (3 tries)`, { advice: `Load the key into ssh-agent (ssh-add ${encrypted.path}) and run again.` });
      }
    }
    if (!cfg.privateKey && !cfg.agent) {
      throw new WorkError(`no SSH key found for ${this.name}`, { advice: 'Load a key into ssh-agent, or set NETSETUP_SSH_KEY=/path/to/private_key.' });
    }
    this.auth = cfg;
    return cfg;
  }

  /** Connect now (host key checks and prompts happen here, before any progress display). */
  async open(): Promise<void> {
    await this.ensure();
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const known = new KnownHosts(defaultKnownHostsPath(this.env));
    const openssh = new OpenSshKnownHosts(openSshKnownHostsPaths(this.env));
    // Fail before connecting when a trust file cannot be read.
    known.load();
    const algorithms = hostKeyAlgorithms(openssh.typesFor(this.target.host, this.target.port));
    const auth = await this.authConfig();
    for (;;) {
      const attempt = await this.handshake(known, openssh, auth, algorithms);
      if (attempt.client) return attempt.client;
      // A new host: ask between attempts (nothing waits on a handshake), then connect again.
      const ok = this.opts.confirmNewHostKey ? await this.opts.confirmNewHostKey(attempt.newKey) : false;
      if (!ok) {
        if (!this.opts.confirmNewHostKey) throw new UsageError(`the host key of ${this.hostPort} (${attempt.newKey.fingerprint}) is not known and nobody can confirm it`, 'connect through the CLI (it asks, or accepts with --yes)');
        throw new InterruptedError(`the host key of ${this.hostPort} was not accepted; nothing was changed`);
      }
      this.acceptedNew = attempt.newKey.fingerprint;
    }
  }

  private handshake(known: KnownHosts, openssh: OpenSshKnownHosts, auth: Partial<ConnectConfig>, algorithms: string[] | undefined): Promise<{ client: Client; newKey?: undefined } | { client?: undefined; newKey: NewHostKey }> {
    let keyProblem: Error | undefined;
    let newKey: NewHostKey | undefined;
    const p = new Promise<{ client: Client } | { newKey: NewHostKey }>((resolve, reject) => {
      const c = new Client();
      let settled = false;
      const fail = (e: Error) => {
        if (settled) return;
        settled = true;
        if (newKey && !keyProblem) resolve({ newKey });
        else reject(keyProblem ?? e);
      };
      c.on('ready', () => {
        settled = true;
        this.client = c;
        resolve({ client: c });
      });
      c.on('error', (err) => fail(new WorkError(`cannot connect to ${this.name}: ${err.message}`, { advice: authAdvice(err.message, this.env) })));
      c.on('close', () => {
        if (this.client === c) {
          this.client = undefined;
          this.sftpP = undefined;
        } else {
          // The server hung up before the session was ready (e.g. during the handshake).
          fail(new WorkError(`cannot connect to ${this.name}: the server closed the connection during the handshake`, { advice: 'Check that an SSH server (not another service) listens on that port, and that it accepts root logins with a key.' }));
        }
      });
      c.connect({
        host: this.target.host,
        port: this.target.port,
        username: this.target.user,
        readyTimeout: 20_000,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
        ...(algorithms ? { algorithms: { serverHostKey: algorithms as NonNullable<ConnectConfig['algorithms']>['serverHostKey'] } } : {}),
        ...auth,
        hostVerifier: (key: Buffer) => {
          try {
            const v = this.verifyHostKey(known, openssh, key);
            if (v === true) return true;
            newKey = v;
          } catch (e) {
            keyProblem = e as Error;
          }
          return false;
        },
      });
    });
    return p as Promise<{ client: Client; newKey?: undefined } | { client?: undefined; newKey: NewHostKey }>;
  }

  /** true: trusted; a NewHostKey: ask; throws: refused (changed, revoked, unreadable files). */
  private verifyHostKey(known: KnownHosts, openssh: OpenSshKnownHosts, key: Buffer): true | NewHostKey {
    const fp = fingerprint(key);
    const type = keyType(key);
    const name = openSshHostName(this.target.host, this.target.port);
    const ossh = openssh.verdict(this.target.host, this.target.port, key);
    const console = `check the key on the host's console (${consoleCommand(type)})`;
    if (ossh.status === 'revoked') throw new WorkError(`the host key of ${this.hostPort} (${fp}) is marked @revoked in ${ossh.file} line ${ossh.line}. Refusing to connect`, { advice: 'Someone revoked this key on purpose: ask who manages the host.' });
    if (ossh.status === 'mismatch') {
      throw new WorkError(`the host key of ${this.hostPort} differs from ${ossh.file} line ${ossh.line}: known ${ossh.expected}${ossh.knownType === type ? '' : ` (${ossh.knownType})`}, offered ${fp} (${type}). Refusing to connect, as OpenSSH would`, {
        advice: `If the host was reinstalled, ${console}, then remove the old entry: ssh-keygen -R "${name}" -f ${ossh.file}`,
      });
    }
    const pin = known.lookup(this.hostPort, key);
    if (pin.status === 'changed') {
      throw new WorkError(`the host key of ${this.hostPort} has changed: pinned ${pin.expected}, offered ${pin.got}. Refusing to connect`, {
        advice: `If the host was reinstalled, ${console} and remove "${this.hostPort}" from ${known.path}.`,
      });
    }
    if (ossh.status === 'match' || pin.status === 'known') return true;
    if (this.acceptedNew !== undefined) {
      if (this.acceptedNew !== fp) throw new WorkError(`${this.hostPort} offered a different host key (${fp}) than the one just accepted (${this.acceptedNew}). Refusing to connect`, { advice: 'Something between you and the host may be intercepting the connection; check the network.' });
      known.pin(this.hostPort, fp);
      this.opts.onNewHostKey?.(this.hostPort, fp);
      return true;
    }
    return { hostPort: this.hostPort, type, fingerprint: fp, pinFile: known.path };
  }

  /** Connect, or reconnect once after the link dropped. */
  private async ensure(): Promise<Client> {
    if (this.client) return this.client;
    if (this.opening) return this.opening;
    if (this.lockHeld) {
      throw new WorkError(`the connection to ${this.name} dropped, and the run lock on the host went with it; stopping, so that no other run works on the site at the same time`, {
        advice: 'Run the same command again: every step checks the host first, so it resumes.',
      });
    }
    if (this.reconnects > 1) throw new WorkError(`lost the connection to ${this.name} twice`);
    this.reconnects++;
    this.opening = this.connect().finally(() => (this.opening = undefined));
    return this.opening;
  }

  async run(argv: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
    const client = await this.ensure();
    // Interrupted already: start nothing (a command cut at once could still escape the kill,
    // which finds it by the run id in its environment only once it runs).
    if (opts.signal?.aborted) return this.failed(argv, { exit: 130, stdout: '', stderr: 'interrupted (Ctrl-C) before the command started\n' }, opts);
    // Every command carries a run id in its environment, so that a cut command (and whatever it
    // started) can be found and killed: sshd does not stop a command when its channel closes.
    const runId = `${process.pid}-${++this.runSeq}-${Date.now()}`;
    const cmd = shellQuote(['/usr/bin/env', `NETSETUP_RUN=${runId}`, ...argv]);
    const result = await new Promise<RunResult>((resolve, reject) => {
      client.exec(cmd, (err, stream) => {
        if (err) return reject(new WorkError(`cannot run a command on ${this.name}: ${err.message}`));
        let stdout = '';
        let stderr = '';
        let exit: number | undefined;
        let settled = false;
        const finish = (r: RunResult) => {
          if (settled) return;
          settled = true;
          if (timer) clearTimeout(timer);
          opts.signal?.removeEventListener('abort', onAbort);
          resolve(r);
        };
        // Closing the channel alone does not stop a remote command (sshd lets it run on), and
        // waiting for it would make Ctrl-C and timeouts meaningless: kill every process that
        // carries its run id, close the channel, and stop waiting. A cut command is a failure
        // whatever it printed.
        const cut = (code: number, why: string) => {
          stream.close();
          this.killRun(client, runId);
          finish({ exit: code, stdout, stderr: `${stderr}${why}\n` });
        };
        const onAbort = () => cut(130, 'interrupted (Ctrl-C); the remote command was stopped');
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const timer = opts.timeoutMs ? setTimeout(() => cut(124, `timed out after ${opts.timeoutMs} ms; the remote command was stopped`), opts.timeoutMs) : undefined;
        // Aborted while the channel was opening: the event has fired already.
        if (opts.signal?.aborted) onAbort();
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
        stream.on('close', () => finish({ exit: exit ?? 255, stdout, stderr }));
        stream.end(opts.stdin ?? '');
      });
    });
    return this.failed(argv, result, opts);
  }

  /** A non-zero exit throws unless the caller allows failure. */
  private failed(argv: readonly string[], result: RunResult, opts: RunOptions): RunResult {
    if (result.exit !== 0 && !opts.allowFailure) throw new CommandError(argv, result, this.name);
    return result;
  }

  /** Kill, on a channel of its own, every process whose environment holds this run id. */
  private killRun(client: Client, runId: string): void {
    const script = 'for d in /proc/[0-9]*; do tr "\\000" "\\n" < "$d/environ" 2>/dev/null | grep -qxF "NETSETUP_RUN=$1" && kill -KILL "${d#/proc/}" 2>/dev/null; done; exit 0';
    try {
      client.exec(shellQuote(['sh', '-c', script, 'sh', runId]), (err, stream) => {
        if (err) return;
        stream.on('data', () => undefined);
        stream.stderr.on('data', () => undefined);
        stream.end();
      });
    } catch {
      // the connection is gone, and with it sshd's session
    }
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
    let exitCode: number | null = null;
    let exitSignal: string | undefined;
    let closed: Promise<void> = Promise.resolve();
    const stream = await new Promise<import('ssh2').ClientChannel>((resolve, reject) =>
      client.exec(shellQuote(flockArgv(lockFile)), (err, s) => {
        if (err) return reject(new WorkError(`cannot take the run lock on ${this.name}: ${err.message}`));
        // Listen before anything else runs: a refused flock exits at once, and its exit status
        // can arrive in the same packet as the channel's opening (ssh2 emits it right away).
        s.once('exit', (code: number | null, signal?: string) => {
          exitCode = code;
          exitSignal = signal;
        });
        closed = new Promise<void>((done) => s.once('close', () => done()));
        resolve(s);
      }),
    );
    stream.on('error', () => {}); // a refused lock closes the channel under our line
    stream.write(`${LOCK_READY_LINE}\n`);
    const r = await awaitHolder(
      (cb) => stream.on('data', (d: Buffer) => cb(d.toString())),
      (cb) => stream.stderr.on('data', (d: Buffer) => cb(d.toString())),
      (cb) => void closed.then(() => cb(exitCode)),
    );
    if (!r.acquired) {
      if (r.exit === LOCK_BUSY_EXIT) return { acquired: false, owner: await this.readFile(`${path}.owner`), release: async () => {} };
      stream.close();
      throw runLockError(path, this.name, r.stderr.trim() || (r.exit !== null ? `flock exited with ${r.exit}` : `flock ended ${exitSignal ? `by signal ${exitSignal}` : 'without an exit status'}`));
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

/** The command that prints the host's own fingerprint of a key type, to compare on its console. */
export function consoleCommand(type: string): string {
  const file = type === 'ssh-ed25519' ? 'ed25519' : type.startsWith('ecdsa-') ? 'ecdsa' : type === 'ssh-rsa' ? 'rsa' : type === 'ssh-dss' ? 'dsa' : 'ed25519';
  return `ssh-keygen -lf /etc/ssh/ssh_host_${file}_key.pub`;
}

function authAdvice(message: string, env: NodeJS.ProcessEnv): string {
  if (/authentication methods failed/i.test(message)) {
    return `The host did not accept the key${env.SSH_AUTH_SOCK ? 's of ssh-agent or' : ''} ${env.NETSETUP_SSH_KEY ? `in ${env.NETSETUP_SSH_KEY}` : 'in ~/.ssh'}: add its public key to /root/.ssh/authorized_keys on the host (an encrypted key is used through ssh-agent when one runs: ssh-add it).`;
  }
  return 'Check the address, port and that your key is in /root/.ssh/authorized_keys on the host.';
}
