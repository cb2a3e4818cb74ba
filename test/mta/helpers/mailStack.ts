// Runs the rendered mail policy (nix/policy/mail-policy.json via src/render/mailPolicy.ts) on
// Debian's postfix and dovecot as private instances on loopback: own config dirs, queue,
// sockets, pid files and logs under one temp dir; nothing in /etc is touched. postfix runs in
// its own mount namespace whose /etc/resolv.conf points at the test's DNS on 127.0.0.6.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMailPolicy, renderDovecotConf, renderMainCf, renderMasterCf, type PolicyVars } from '../../../src/render/mailPolicy.js';

export const IP = { mail: '127.0.0.2', pmg: '127.0.0.3', outside: '127.0.0.4', smarthost: '127.0.0.5', dns: '127.0.0.6' } as const;

export interface StackFiles {
  /** dovecot passwd-file content (rendered by siteConfig). */
  passwd: string;
  /** postfix mailbox map content. */
  mailboxMap: string;
  /** relay SASL map content, when relayed. */
  relaySasl?: string;
}

export interface MailStack {
  dir: string;
  cert: string;
  key: string;
  vars: PolicyVars;
  postfixDir: string;
  maildirRoot: string;
  /** Re-render main.cf (relay on/off) and reload postfix. */
  configurePostfix(relay: { host: string; port: number } | null): void;
  postfixLog(): string;
  dovecotLog(): string;
  stop(): void;
}

function uidOf(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Fails with a clear message when something (the system's postfix/dovecot) holds a port. */
export async function assertPortsFree(list: Array<[string, number]>): Promise<void> {
  const busy: string[] = [];
  for (const [host, port] of list) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, host, () => s.close(() => resolve(true)));
    });
    if (!free) busy.push(`${host}:${port}`);
  }
  if (busy.length > 0) {
    throw new Error(
      `test/mta needs these loopback ports but they are in use: ${busy.join(', ')}. ` +
        'Stop the system mail daemons first (service postfix stop; service dovecot stop) — CI does this in .ci/run.',
    );
  }
}

export function makeCert(dir: string, cn: string): { cert: string; key: string } {
  const cert = join(dir, `${cn}.crt`);
  const key = join(dir, `${cn}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${cn}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

export function startMailStack(domain: string, files: StackFiles): MailStack {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-mta-'));
  chmodSync(dir, 0o755); // postfix and dovecot users must reach their sockets below
  const { cert, key } = makeCert(dir, `mail.${domain}`);
  const postfixDir = join(dir, 'postfix');
  const queue = join(dir, 'queue');
  const run = join(dir, 'dovecot-run');
  const sockets = join(dir, 'sockets');
  const maildirRoot = join(dir, 'mail');
  for (const d of [postfixDir, queue, run, sockets, maildirRoot, join(dir, 'pfdata')]) mkdirSync(d, { recursive: true });
  const vmail = uidOf('nobody');
  chownSync(maildirRoot, vmail.uid, vmail.gid);
  const dovecotUser = uidOf('dovecot');
  const postfixUser = uidOf('postfix');
  chownSync(join(dir, 'pfdata'), postfixUser.uid, postfixUser.gid);

  // Secrets as the wizard uploads them (0600 root), and the runtime copy the NixOS dovecot
  // module installs for dovecot's auth process (0640 root:dovecot).
  const secrets = join(dir, 'secrets');
  mkdirSync(secrets, { mode: 0o700 });
  const passwdFile = join(secrets, 'dovecot-passwd');
  writeFileSync(passwdFile, files.passwd, { mode: 0o640 });
  chownSync(passwdFile, 0, dovecotUser.gid);
  chmodSync(secrets, 0o750);
  chownSync(secrets, 0, dovecotUser.gid);
  const relaySasl = join(secrets, 'relay-sasl');
  writeFileSync(relaySasl, files.relaySasl ?? '', { mode: 0o600 });
  const mailboxMap = join(postfixDir, 'mailboxes.map');
  writeFileSync(mailboxMap, files.mailboxMap);

  const vars: PolicyVars = {
    DOMAIN: domain,
    PMG_IP: IP.pmg,
    MAIL_IP: IP.mail,
    TLS_CERT: cert,
    TLS_KEY: key,
    LMTP_SOCKET: join(sockets, 'lmtp'),
    AUTH_SOCKET: join(sockets, 'auth'),
    PASSWD_FILE: passwdFile,
    MAILBOX_MAP: mailboxMap,
    RELAY_SASL_MAP: relaySasl,
    MAIL_ROOT: maildirRoot,
    SMTP_LISTEN: 'all', // postfix only binds addresses configured on an interface; master.cf binds 127.0.0.2
    IMAP_LISTEN: IP.mail,
    VMAIL_USER: 'nobody',
    VMAIL_GROUP: 'nogroup',
    POSTFIX_USER: 'postfix',
    POSTFIX_GROUP: 'postfix',
  };
  const policy = readMailPolicy();
  // Only what differs between a NixOS guest and this test machine; the policy is untouched.
  const postfixEnv = {
    queue_directory: queue,
    data_directory: join(dir, 'pfdata'),
    maillog_file: join(dir, 'postfix.log'),
    maillog_file_prefixes: dir,
    syslog_name: 'netsetup-mta-test',
    inet_protocols: 'ipv4',
    smtp_bind_address: IP.mail,
    alias_maps: '',
    alias_database: '',
    smtp_connect_timeout: '5s',
  };
  const writeMain = (relay: { host: string; port: number } | null) => {
    const v = { ...vars, RELAY_HOST: relay?.host ?? '', RELAY_PORT: String(relay?.port ?? '') };
    writeFileSync(join(postfixDir, 'main.cf'), renderMainCf(policy, v, { relay: relay !== null, environment: postfixEnv }));
  };
  writeMain(null);
  // Debian's master.cf chroots most services; NixOS's generated master.cf does not (nor does
  // upstream's default), and the policy's absolute socket paths assume no chroot.
  const base = readFileSync('/usr/share/postfix/master.cf.dist', 'utf8').replace(
    /^(\S+\s+\S+\s+\S+\s+\S+\s+)y(\s)/gm,
    (_m, head: string, sp: string) => (head.startsWith('#') ? `${head}y${sp}` : `${head}n${sp}`),
  );
  writeFileSync(join(postfixDir, 'master.cf'), renderMasterCf(policy, vars, base, { bindAddress: IP.mail }));
  const dovecotConf = join(dir, 'dovecot.conf');
  writeFileSync(
    dovecotConf,
    renderDovecotConf(policy, vars, { base_dir: run, log_path: join(dir, 'dovecot.log'), instance_name: 'netsetup-mta-test', state_dir: join(dir, 'dovecot-state') }),
  );
  mkdirSync(join(dir, 'dovecot-state'));

  const resolv = join(dir, 'resolv.conf');
  writeFileSync(resolv, `nameserver ${IP.dns}\noptions timeout:1 attempts:1\n`);
  const stack: MailStack = {
    dir,
    cert,
    key,
    vars,
    postfixDir,
    maildirRoot,
    configurePostfix(relay) {
      writeMain(relay);
      execFileSync('postfix', ['-c', postfixDir, 'reload'], { stdio: 'ignore' });
    },
    postfixLog: () => (existsSync(join(dir, 'postfix.log')) ? readFileSync(join(dir, 'postfix.log'), 'utf8') : ''),
    dovecotLog: () => (existsSync(join(dir, 'dovecot.log')) ? readFileSync(join(dir, 'dovecot.log'), 'utf8') : ''),
    stop() {
      spawnSync('postfix', ['-c', postfixDir, 'stop'], { stdio: 'ignore' });
      spawnSync('doveadm', ['-c', dovecotConf, 'stop'], { stdio: 'ignore' });
      spawnSync('dovecot', ['-c', dovecotConf, 'stop'], { stdio: 'ignore' });
      if (process.env.NETSETUP_KEEP_MTA !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    execFileSync('postfix', ['-c', postfixDir, 'check'], { stdio: 'pipe' });
    // The mount namespace gives postfix (and only postfix) the test's resolver.
    execFileSync('unshare', ['-m', 'sh', '-c', 'mount --bind "$1" /etc/resolv.conf && exec postfix -c "$2" start', 'sh', resolv, postfixDir], { stdio: 'ignore' });
    // The daemons keep inherited pipes open: no pipes, or execFileSync waits forever.
    execFileSync('dovecot', ['-c', dovecotConf], { stdio: 'ignore' });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    // postfix(1) prints its reason only to a terminal (else syslog): ask again under script(1).
    const why = spawnSync('script', ['-qc', `postfix -c ${postfixDir} check`, '/dev/null'], { encoding: 'utf8' }).stdout;
    const detail = `${err.message}\n${err.stderr?.toString() ?? ''}\n${why}\n${stack.postfixLog()}\n${stack.dovecotLog()}`;
    stack.stop();
    throw new Error(`could not start the private postfix/dovecot: ${detail}`);
  }
  return stack;
}

/** Poll until `probe` returns a value (or the deadline passes). */
export async function waitFor<T>(probe: () => T | undefined, ms = 15_000, what = 'condition'): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
