// The SSH transport's key and host-trust decisions, in process (mutation testing reaches them
// here; ssh-trust.test.ts drives the same paths through the built CLI). A real OpenSSH sshd on
// 127.0.0.1 answers; keys are made by ssh-keygen, an encrypted one is served by a real ssh-agent,
// and every known_hosts case is first put to OpenSSH's own `ssh` client with strict checking:
// its verdict (trusted / unknown / changed / revoked) is the oracle ours must agree with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshHost, consoleCommand, type NewHostKey } from '../../src/host/ssh.js';
import { InputError, InterruptedError, UsageError, WorkError } from '../../src/cli/errors.js';
import { startSshd, keygen, type Sshd } from '../helpers/sshd.js';
import { childEnv } from '../helpers/hermeticEnv.js';

const PASS = 'correct horse 7731';

/** `ssh-keygen -lf`: the fingerprint OpenSSH itself prints for a public key file. */
function opensshFingerprint(pub: string): string {
  return execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(/\s+/)[1]!;
}
const b64 = (pub: string) => readFileSync(pub, 'utf8').split(' ')[1]!;

type Verdict = 'trusted' | 'unknown' | 'changed' | 'revoked';

/** What OpenSSH's client decides for this known_hosts file (strict checking, no agent, no config). */
function opensshVerdict(knownHosts: string, port: number, key: string): Promise<Verdict> {
  const args = ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'GlobalKnownHostsFile=/dev/null', '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-o', 'UpdateHostKeys=no', '-o', 'ConnectTimeout=10', '-i', key, '-p', String(port), 'root@127.0.0.1', 'true'];
  return new Promise((resolve, reject) =>
    execFile('ssh', args, { encoding: 'utf8', timeout: 15_000 }, (err, _out, stderr) => {
      if (!err) return resolve('trusted');
      if (/REVOKED HOST KEY/.test(stderr)) return resolve('revoked');
      if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr)) return resolve('changed');
      if (/host key is known for .* you have requested strict checking/s.test(stderr)) return resolve('unknown');
      reject(new Error(`ssh gave no verdict: ${stderr}`));
    }),
  );
}

describe('SSH keys and host trust, in process (real sshd)', () => {
  let sshd: Sshd;
  let work: string;
  let n = 0;
  let enc: string; // an ed25519 key with a passphrase, authorised on the server
  let stranger: string; // a key the server does not know
  let agent: ChildProcess | undefined;
  let agentSock: string;
  let fp: string; // OpenSSH's fingerprint of the server's ed25519 host key

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'netsetup-sshkeys-'));
    const ecdsaHost = join(work, 'host_ecdsa');
    keygen(ecdsaHost, 'ecdsa');
    // MaxStartups: the known_hosts table connects ~30 times at once (OpenSSH's client and ours)
    sshd = await startSshd({ moreHostKeys: [ecdsaHost], config: ['MaxStartups 100'] });
    fp = opensshFingerprint(`${sshd.hostKey}.pub`);
    enc = join(work, 'id_enc');
    keygen(enc, 'ed25519', PASS);
    stranger = join(work, 'id_stranger');
    keygen(stranger);
    writeFileSync(join(sshd.dir, 'authorized_keys'), `${readFileSync(`${sshd.clientKey}.pub`, 'utf8')}${readFileSync(`${enc}.pub`, 'utf8')}`);
    // A real ssh-agent holding the encrypted key (ssh-add reads the passphrase through SSH_ASKPASS)
    agentSock = join(work, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', agentSock], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !existsSync(agentSock); i++) await new Promise((r) => setTimeout(r, 10));
    const askpass = join(work, 'askpass.sh');
    writeFileSync(askpass, `#!/bin/sh\necho "${PASS}"\n`, { mode: 0o700 });
    execFileSync('ssh-add', ['-q', enc], { env: { PATH: process.env.PATH, SSH_AUTH_SOCK: agentSock, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'none' }, stdio: 'ignore' });
  });
  afterAll(async () => {
    agent?.kill('SIGTERM');
    await sshd?.stop();
  });

  /** A fresh case: its own HOME, pin file and (empty unless given) OpenSSH known_hosts. */
  function kase(extra: NodeJS.ProcessEnv = {}) {
    const dir = join(work, `case-${++n}`);
    mkdirSync(dir, { recursive: true });
    const pinFile = join(dir, 'pins.json');
    const env = childEnv({ HOME: dir, NETSETUP_SSH_KEY: sshd.clientKey, NETSETUP_KNOWN_HOSTS: pinFile, NETSETUP_OPENSSH_KNOWN_HOSTS: '', ...extra });
    for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
    return { dir, pinFile, env };
  }
  const target = () => ({ user: 'root', host: '127.0.0.1', port: sshd.port });
  const trust = async () => true;

  async function whoami(host: SshHost): Promise<string> {
    try {
      return (await host.run(['id', '-un'])).stdout;
    } finally {
      await host.close();
    }
  }

  describe('private keys', () => {
    it('asks for the passphrase of an encrypted key until it is right, 3 tries, once per host, and connects with it', async () => {
      const c = kase({ NETSETUP_SSH_KEY: enc });
      const asked: string[] = [];
      const answers = ['wrong one', 'wrong two', PASS];
      const host = new SshHost(target(), { env: c.env, confirmNewHostKey: trust, askPassphrase: async (path, attempt) => (asked.push(`${attempt}:${path}`), answers[attempt - 1]!) });
      try {
        expect((await host.run(['id', '-un'])).stdout).toBe('root\n');
        expect(asked).toEqual([`1:${enc}`, `2:${enc}`, `3:${enc}`]);
        // When the link drops and the transport reconnects, the passphrase is not asked again
        (host as unknown as { client: { end(): void } }).client.end();
        await new Promise((r) => setTimeout(r, 100));
        expect((await host.run(['echo', 'again'])).stdout).toBe('again\n');
        expect(asked).toHaveLength(3);
      } finally {
        await host.close();
      }
    });

    it('gives up after three wrong passphrases, naming the key and ssh-agent', async () => {
      const c = kase({ NETSETUP_SSH_KEY: enc });
      let asked = 0;
      const host = new SshHost(target(), { env: c.env, confirmNewHostKey: trust, askPassphrase: async () => (asked++, 'not it') });
      const e = await host.run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkError);
      expect((e as WorkError).message).toBe(`wrong passphrase for ${enc} (3 tries)`);
      expect((e as WorkError).details.advice).toBe(`Load the key into ssh-agent (ssh-add ${enc}) and run again.`);
      expect(asked).toBe(3);
    });

    it('refuses an encrypted key when nobody can type the passphrase and no agent runs, SSH_AUTH_SOCK empty', async () => {
      const c = kase({ NETSETUP_SSH_KEY: enc, SSH_AUTH_SOCK: '' });
      const e = await new SshHost(target(), { env: c.env, confirmNewHostKey: trust }).run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).message).toBe(`the SSH key ${enc} is protected by a passphrase and there is no terminal to ask for it`);
      expect((e as UsageError).hint).toBe(`load it into ssh-agent (eval "$(ssh-agent)"; ssh-add ${enc}) and run again, or pass NETSETUP_SSH_KEY=/path/to/a_key_without_passphrase`);
    });

    it('with ssh-agent running, an encrypted key file is left to the agent: no passphrase prompt', async () => {
      const c = kase({ NETSETUP_SSH_KEY: enc, SSH_AUTH_SOCK: agentSock });
      const prompt = async (): Promise<string> => {
        throw new Error('the passphrase must not be asked when an agent holds the key');
      };
      expect(await whoami(new SshHost(target(), { env: c.env, confirmNewHostKey: trust, askPassphrase: prompt }))).toBe('root\n');
      // And the agent alone (no key file anywhere) is enough
      const bare = kase({ NETSETUP_SSH_KEY: undefined, SSH_AUTH_SOCK: agentSock });
      expect(await whoami(new SshHost(target(), { env: bare.env, confirmNewHostKey: trust, askPassphrase: prompt }))).toBe('root\n');
    });

    it('finds ~/.ssh/id_ed25519, id_ecdsa and id_rsa when NETSETUP_SSH_KEY is not set, skipping files that are not keys', async () => {
      const keys: Record<string, string> = {};
      for (const [file, type] of [['id_ed25519', 'ed25519'], ['id_ecdsa', 'ecdsa'], ['id_rsa', 'rsa']] as const) {
        keys[file] = join(work, `home-${file}`);
        if (!existsSync(keys[file]!)) keygen(keys[file]!, type);
      }
      writeFileSync(join(sshd.dir, 'authorized_keys'), Object.values(keys).map((k) => readFileSync(`${k}.pub`, 'utf8')).join('') + readFileSync(`${sshd.clientKey}.pub`, 'utf8') + readFileSync(`${enc}.pub`, 'utf8'));
      for (const file of Object.keys(keys)) {
        // Given a HOME whose ~/.ssh holds only this key, and a non-key file under another name
        const c = kase({ NETSETUP_SSH_KEY: undefined });
        mkdirSync(join(c.dir, '.ssh'), { mode: 0o700 });
        writeFileSync(join(c.dir, '.ssh', file), readFileSync(keys[file]!), { mode: 0o600 });
        const other = file === 'id_ed25519' ? 'id_rsa' : 'id_ed25519';
        writeFileSync(join(c.dir, '.ssh', other), 'this is not a private key\n', { mode: 0o600 });
        expect(await whoami(new SshHost(target(), { env: c.env, confirmNewHostKey: trust })), file).toBe('root\n');
      }
    });

    it('names a key file that cannot be read or is not a key; without any key or agent says so', async () => {
      // NETSETUP_SSH_KEY pointing at a folder, and at a text file
      const c = kase();
      mkdirSync(join(c.dir, 'keydir'));
      let e = await new SshHost(target(), { env: { ...c.env, NETSETUP_SSH_KEY: join(c.dir, 'keydir') } }).run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).message).toBe(`NETSETUP_SSH_KEY: the private key file ${join(c.dir, 'keydir')} cannot be read (EISDIR)`);
      expect((e as UsageError).hint).toBe('set NETSETUP_SSH_KEY to the path of your private key (e.g. ~/.ssh/id_ed25519), or unset it to use ssh-agent');
      writeFileSync(join(c.dir, 'notakey'), 'hello\n');
      e = await new SshHost(target(), { env: { ...c.env, NETSETUP_SSH_KEY: join(c.dir, 'notakey') } }).run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).message).toMatch(new RegExp(`^NETSETUP_SSH_KEY: ${join(c.dir, 'notakey')} is not a private key this program can read \\(.+\\)$`));
      expect((e as UsageError).hint).toBe('point NETSETUP_SSH_KEY at an OpenSSH or PEM private key (ssh-keygen -t ed25519 makes one)');
      e = await new SshHost(target(), { env: { ...c.env, NETSETUP_SSH_KEY: join(c.dir, 'missing') } }).run(['true']).catch((x: unknown) => x);
      expect((e as UsageError).message).toBe(`NETSETUP_SSH_KEY: the private key file ${join(c.dir, 'missing')} does not exist`);
      // ~/.ssh/id_ed25519 that is a folder: named, without the NETSETUP_SSH_KEY prefix
      const h = kase({ NETSETUP_SSH_KEY: undefined });
      mkdirSync(join(h.dir, '.ssh', 'id_ed25519'), { recursive: true });
      e = await new SshHost(target(), { env: h.env }).run(['true']).catch((x: unknown) => x);
      expect((e as UsageError).message).toBe(`the private key file ${join(h.dir, '.ssh', 'id_ed25519')} cannot be read (EISDIR)`);
      // Nothing at all: no key file, no agent
      const none = kase({ NETSETUP_SSH_KEY: undefined });
      mkdirSync(join(none.dir, '.ssh'));
      writeFileSync(join(none.dir, '.ssh', 'id_ecdsa'), 'garbage\n');
      e = await new SshHost(target(), { env: none.env }).run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkError);
      expect((e as WorkError).message).toBe(`no SSH key found for ssh://root@127.0.0.1:${sshd.port}`);
      expect((e as WorkError).details.advice).toBe('Load a key into ssh-agent, or set NETSETUP_SSH_KEY=/path/to/private_key.');
    });

    it('a key the server does not accept: the advice names where the key came from', async () => {
      const c = kase({ NETSETUP_SSH_KEY: stranger });
      const e = await new SshHost(target(), { env: c.env, confirmNewHostKey: trust }).run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkError);
      expect((e as WorkError).message).toMatch(new RegExp(`^cannot connect to ssh://root@127\\.0\\.0\\.1:${sshd.port}: All configured authentication methods failed`));
      expect((e as WorkError).details.advice).toBe(
        `The host did not accept the key in ${stranger}: add its public key to /root/.ssh/authorized_keys on the host (an encrypted key is used through ssh-agent when one runs: ssh-add it).`,
      );
      // With an agent next to it, the agent is named too; from ~/.ssh, the folder is
      const withAgent = kase({ NETSETUP_SSH_KEY: undefined, SSH_AUTH_SOCK: join(work, 'empty-agent.sock') });
      const empty = spawn('ssh-agent', ['-D', '-a', withAgent.env.SSH_AUTH_SOCK!], { stdio: 'ignore' });
      try {
        for (let i = 0; i < 200 && !existsSync(withAgent.env.SSH_AUTH_SOCK!); i++) await new Promise((r) => setTimeout(r, 10));
        mkdirSync(join(withAgent.dir, '.ssh'));
        writeFileSync(join(withAgent.dir, '.ssh', 'id_ed25519'), readFileSync(stranger), { mode: 0o600 });
        const e2 = await new SshHost(target(), { env: withAgent.env, confirmNewHostKey: trust }).run(['true']).catch((x: unknown) => x);
        expect((e2 as WorkError).details.advice).toMatch(/^The host did not accept the keys of ssh-agent or in ~\/\.ssh: add its public key/);
      } finally {
        empty.kill('SIGTERM');
      }
      // A refused connection gets the general advice
      const e3 = await new SshHost({ user: 'root', host: '127.0.0.1', port: 1 }, { env: c.env, confirmNewHostKey: trust }).run(['true']).catch((x: unknown) => x);
      expect((e3 as WorkError).details.advice).toBe('Check the address, port and that your key is in /root/.ssh/authorized_keys on the host.');
    });
  });

  describe('host keys', () => {
    it('a new host: refused without anyone to confirm, refused when declined, pinned when accepted', async () => {
      const c = kase();
      // Nobody to ask: refused, naming the fingerprint OpenSSH prints
      const e = await new SshHost(target(), { env: c.env }).run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).message).toBe(`the host key of 127.0.0.1:${sshd.port} (${fp}) is not known and nobody can confirm it`);
      expect((e as UsageError).hint).toBe('connect through the CLI (it asks, or accepts with --yes)');
      // Declined
      const shown: NewHostKey[] = [];
      const e2 = await new SshHost(target(), { env: c.env, confirmNewHostKey: async (k) => (shown.push(k), false) }).run(['true']).catch((x: unknown) => x);
      expect(e2).toBeInstanceOf(InterruptedError);
      expect((e2 as Error).message).toBe(`the host key of 127.0.0.1:${sshd.port} was not accepted; nothing was changed`);
      expect(shown).toEqual([{ hostPort: `127.0.0.1:${sshd.port}`, type: 'ssh-ed25519', fingerprint: fp, pinFile: c.pinFile }]);
      expect(existsSync(c.pinFile)).toBe(false);
      // Accepted: told once, pinned, and the next connection trusts the pin without asking
      const told: string[] = [];
      expect(await whoami(new SshHost(target(), { env: c.env, confirmNewHostKey: trust, onNewHostKey: (hp, f) => told.push(`${hp} ${f}`) }))).toBe('root\n');
      expect(told).toEqual([`127.0.0.1:${sshd.port} ${fp}`]);
      expect(JSON.parse(readFileSync(c.pinFile, 'utf8'))).toEqual({ [`127.0.0.1:${sshd.port}`]: fp });
      expect(await whoami(new SshHost(target(), { env: c.env }))).toBe('root\n');
    });

    it('two commands at once on a new connection share one handshake and one question', async () => {
      const c = kase();
      let asked = 0;
      let told = 0;
      const host = new SshHost(target(), { env: c.env, confirmNewHostKey: async () => (asked++, true), onNewHostKey: () => told++ });
      try {
        const [a, b] = await Promise.all([host.run(['echo', 'a']), host.run(['echo', 'b']), host.open()]);
        expect([a.stdout, b.stdout]).toEqual(['a\n', 'b\n']);
        expect(asked).toBe(1);
        expect(told).toBe(1);
      } finally {
        await host.close();
      }
    });

    it('a pinned key that changed is refused, naming both fingerprints, the pin file and the console check', async () => {
      const c = kase();
      const pinned = `SHA256:${'A'.repeat(43)}`;
      writeFileSync(c.pinFile, JSON.stringify({ [`127.0.0.1:${sshd.port}`]: pinned }));
      let asked = 0;
      const e = await new SshHost(target(), { env: c.env, confirmNewHostKey: async () => (asked++, true) }).run(['true']).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkError);
      expect((e as WorkError).message).toBe(`the host key of 127.0.0.1:${sshd.port} has changed: pinned ${pinned}, offered ${fp}. Refusing to connect`);
      expect((e as WorkError).details.advice).toBe(`If the host was reinstalled, check the key on the host's console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub) and remove "127.0.0.1:${sshd.port}" from ${c.pinFile}.`);
      expect(asked).toBe(0);
      expect(JSON.parse(readFileSync(c.pinFile, 'utf8'))).toEqual({ [`127.0.0.1:${sshd.port}`]: pinned });
      // A pin file that is not JSON is refused before any connection is made
      writeFileSync(c.pinFile, '{"torn');
      const e2 = await new SshHost(target(), { env: c.env, confirmNewHostKey: async () => (asked++, true) }).run(['true']).catch((x: unknown) => x);
      expect(e2).toBeInstanceOf(InputError);
      expect((e2 as InputError).source).toBe(c.pinFile);
      expect(asked).toBe(0);
    });

    it('a host that shows another key after it was accepted is refused as interception, and nothing is pinned', async () => {
      const own = await startSshd({ dir: mkdtempSync(join(tmpdir(), 'netsetup-sshd-mitm-')) });
      try {
        const c = kase({ NETSETUP_SSH_KEY: own.clientKey });
        const other = join(own.dir, 'other_host_key');
        keygen(other);
        let s = own;
        // While the person looks at the fingerprint, the server behind the port is replaced
        const host = new SshHost({ user: 'root', host: '127.0.0.1', port: own.port }, {
          env: c.env,
          confirmNewHostKey: async () => {
            await s.stop();
            s = await startSshd({ dir: own.dir, hostKey: other, port: own.port });
            return true;
          },
        });
        const e = await host.run(['true']).catch((x: unknown) => x);
        await s.stop();
        expect(e).toBeInstanceOf(WorkError);
        expect((e as WorkError).message).toBe(
          `127.0.0.1:${own.port} offered a different host key (${opensshFingerprint(`${other}.pub`)}) than the one just accepted (${opensshFingerprint(`${own.hostKey}.pub`)}). Refusing to connect`,
        );
        expect((e as WorkError).details.advice).toBe('Something between you and the host may be intercepting the connection; check the network.');
        expect(existsSync(c.pinFile)).toBe(false);
      } finally {
        await own.stop();
      }
    });

    it('OpenSSH known_hosts: every case is decided as OpenSSH\'s own client decides it', async () => {
      const port = sshd.port;
      const name = `[127.0.0.1]:${port}`;
      const ed = b64(`${sshd.hostKey}.pub`);
      const ec = b64(`${join(work, 'host_ecdsa')}.pub`);
      const otherEd = join(work, 'kh_other_ed');
      const otherEc384 = join(work, 'kh_other_ec384');
      if (!existsSync(otherEd)) keygen(otherEd);
      if (!existsSync(otherEc384)) execFileSync('ssh-keygen', ['-q', '-t', 'ecdsa', '-b', '384', '-N', '', '-f', otherEc384]);
      // `line` and `offending`: where OpenSSH's "Offending … key in FILE:LINE" points, and that key
      const cases: Array<{ what: string; text: string; hash?: boolean; line?: number; offending?: string }> = [
        { what: 'plain [host]:port', text: `${name} ssh-ed25519 ${ed}\n` },
        { what: 'hashed by ssh-keygen -H', text: `example.org ssh-ed25519 ${b64(`${otherEd}.pub`)}\n${name} ssh-ed25519 ${ed}\n`, hash: true },
        { what: 'a pattern with ?', text: `[127.0.0.?]:${port} ssh-ed25519 ${ed}\n` },
        { what: 'a comma list', text: `example.org,${name} ssh-ed25519 ${ed}\n` },
        { what: 'a negated name', text: `[127.0.0.*]:${port},!${name} ssh-ed25519 ${ed}\n` },
        { what: 'the bare address (port 22 only)', text: `127.0.0.1 ssh-ed25519 ${ed}\n` },
        { what: 'only the ECDSA key known (preferred in the handshake)', text: `${name} ecdsa-sha2-nistp256 ${ec}\n` },
        { what: 'another key of the same type', text: `# a comment\n\n${name} ssh-ed25519 ${b64(`${otherEd}.pub`)}\n`, line: 3, offending: otherEd },
        { what: 'another key of the same type, hashed', text: `${name} ssh-ed25519 ${b64(`${otherEd}.pub`)}\n`, hash: true, line: 1, offending: otherEd },
        { what: '@revoked', text: `${name} ssh-ed25519 ${ed}\n@revoked * ssh-ed25519 ${ed}\n`, line: 2 },
        { what: 'only a key of a type the server lacks', text: `${name} ecdsa-sha2-nistp384 ${b64(`${otherEc384}.pub`)}\n`, line: 1, offending: otherEc384 },
        { what: 'two other keys: the last is named', text: `${name} ecdsa-sha2-nistp384 ${b64(`${otherEc384}.pub`)}\n${name} ssh-ed25519 ${b64(`${otherEd}.pub`)}\n`, line: 2, offending: otherEd },
        { what: 'the bare host with another key', text: `127.0.0.1 ssh-ed25519 ${b64(`${otherEd}.pub`)}\n` },
        { what: '@cert-authority is not a host key', text: `@cert-authority ${name} ssh-ed25519 ${ed}\n` },
      ];
      const prepared = cases.map((k, i) => {
        const file = join(work, `kh-${n}-${i}`);
        writeFileSync(file, k.text);
        if (k.hash) execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
        rmSync(`${file}.old`, { force: true });
        return { ...k, file };
      });
      // All at once, OpenSSH's client and ours (for speed: mutation testing re-runs this often)
      const ours = async (file: string) => {
        const c = kase({ NETSETUP_OPENSSH_KNOWN_HOSTS: `${join(work, 'no-such-known-hosts')}:${file}` });
        const shown: NewHostKey[] = [];
        const host = new SshHost(target(), { env: c.env, confirmNewHostKey: async (key) => (shown.push(key), false) });
        const r = await host.run(['echo', 'in']).then((x) => x.stdout, (e: unknown) => e as Error);
        await host.close();
        return { c, shown, r };
      };
      const [verdicts, results] = await Promise.all([Promise.all(prepared.map((k) => opensshVerdict(k.file, port, sshd.clientKey))), Promise.all(prepared.map((k) => ours(k.file)))]);
      for (const [i, k] of prepared.entries()) {
        const { c, shown, r } = results[i]!;
        const what = `${k.what}: OpenSSH says ${verdicts[i]}`;
        if (verdicts[i] === 'trusted') {
          expect(r, what).toBe('in\n');
          expect(shown, what).toEqual([]);
        } else if (verdicts[i] === 'unknown') {
          expect(r, what).toBeInstanceOf(InterruptedError);
          expect(shown, what).toEqual([expect.objectContaining({ fingerprint: fp, type: 'ssh-ed25519' })]);
        } else if (verdicts[i] === 'changed') {
          expect(r, what).toBeInstanceOf(WorkError);
          expect((r as Error).message, what).toBe(
            `the host key of 127.0.0.1:${port} differs from ${k.file} line ${k.line}: known ${opensshFingerprint(`${k.offending}.pub`)}${k.offending === otherEc384 ? ' (ecdsa-sha2-nistp384)' : ''}, offered ${fp} (ssh-ed25519). Refusing to connect, as OpenSSH would`,
          );
          expect((r as WorkError).details.advice, what).toBe(`If the host was reinstalled, check the key on the host's console (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then remove the old entry: ssh-keygen -R "${name}" -f ${k.file}`);
        } else {
          expect(r, what).toBeInstanceOf(WorkError);
          expect((r as Error).message, what).toBe(`the host key of 127.0.0.1:${port} (${fp}) is marked @revoked in ${k.file} line ${k.line}. Refusing to connect`);
          expect((r as WorkError).details.advice, what).toBe('Someone revoked this key on purpose: ask who manages the host.');
        }
        // Trust in OpenSSH's files is never copied into the pin file
        expect(existsSync(c.pinFile), what).toBe(false);
      }
      // The table covers every verdict (a broken oracle must not make it vacuous)
      expect(new Set(verdicts)).toEqual(new Set(['trusted', 'unknown', 'changed', 'revoked']));
    });

    it('the console command names the host key file sshd keeps for each key type, as in sshd FILES', () => {
      expect(consoleCommand('ssh-ed25519')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
      expect(consoleCommand('ecdsa-sha2-nistp256')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub');
      expect(consoleCommand('ecdsa-sha2-nistp521')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_ecdsa_key.pub');
      expect(consoleCommand('ssh-rsa')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub');
      expect(consoleCommand('ssh-dss')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_dsa_key.pub');
      expect(consoleCommand('sk-ssh-ed25519@openssh.com')).toBe('ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub');
    });
  });
});

