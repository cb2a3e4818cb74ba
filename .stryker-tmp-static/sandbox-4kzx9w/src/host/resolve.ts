// @ts-nocheck
// --host TARGET → a Host. No target: the local machine when it is a Proxmox VE host; for a dry
// run elsewhere, a fresh simulated host answers the read-only questions.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { UsageError } from '../cli/errors.js';
import type { Host } from './types.js';

export interface ResolvedHost {
  host: Host;
  /** What to tell the technician about where the work happens. */
  description: string;
  kind: 'local' | 'ssh' | 'sim' | 'fresh-sim';
}

export function isProxmoxHost(): boolean {
  return existsSync('/usr/bin/pveversion') && existsSync('/etc/pve');
}

/** The usage error resolveHost would raise, found without loading any transport. */
export function hostTargetProblem(target: string | undefined, dryRun: boolean): UsageError | undefined {
  if (target !== undefined || dryRun || isProxmoxHost()) return undefined;
  return new UsageError(
    'this machine is not a Proxmox VE host, so there is nothing to provision here',
    'netsetup-wizard install --dry-run (see the plan), --host sim:/tmp/site (a simulated host), or --host ssh://root@HOST',
  );
}

export interface ResolveOptions {
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
  say: (line: string) => void;
  /** --yes: a new SSH host key is accepted (and the technician told so). */
  yes?: boolean;
  /** Where to ask (a new host key, a key passphrase); default the process's terminal. */
  term?: { stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream };
}

export async function resolveHost(target: string | undefined, opts: ResolveOptions): Promise<ResolvedHost> {
  if (target === 'local' || (target === undefined && isProxmoxHost())) {
    const { LocalHost } = await import('./local.js');
    return { host: new LocalHost(), description: 'this Proxmox VE host', kind: 'local' };
  }
  if (target?.startsWith('ssh://')) {
    const [{ SshHost, parseSshTarget, consoleCommand, keyTypeLabel, defaultKnownHostsPath }, { askLine }, { askSecret }] = await Promise.all([import('./ssh.js'), import('../cli/askLine.js'), import('../cli/askSecret.js')]);
    const { stdin, stderr } = opts.term ?? { stdin: process.stdin, stderr: process.stderr };
    const interactive = Boolean(stdin.isTTY && stderr.isTTY);
    const parsed = parseSshTarget(target);
    const pinFile = defaultKnownHostsPath(opts.env);
    const host = new SshHost(parsed, {
      env: opts.env,
      onNewHostKey: (hp, fp) => opts.say(`Pinned the host key of ${hp} (${fp}) in ${pinFile}.`),
      confirmNewHostKey: async (k) => {
        const label = keyTypeLabel(k.type);
        const intro = `First connection to ${k.hostPort}. Its ${label} host key fingerprint is\n  ${k.fingerprint}${k.knownTypes.length ? `\n(~/.ssh/known_hosts knows only other key types for it: ${k.knownTypes.join(', ')}.)` : ''}`;
        const compare = `Compare it with the host's console: ${consoleCommand(k.type)}`;
        if (opts.yes) {
          opts.say(`${intro}\nAccepted because of --yes. ${compare}`);
          return true;
        }
        if (!interactive) {
          throw new UsageError(
            `${intro}\nThere is no terminal to confirm it, so the connection is refused`,
            `check the fingerprint on the host's console (${consoleCommand(k.type)}), then run again with --yes, or connect once with ssh so ~/.ssh/known_hosts has the host`,
          );
        }
        opts.say(`${intro}\n${compare}`);
        const answer = await askLine(stdin, stderr, 'Trust this host and pin its key? [y/N] ');
        return /^y(es)?$/i.test(answer.trim());
      },
      ...(interactive ? { askPassphrase: (path: string, attempt: number) => askSecret(stdin, stderr, `${attempt > 1 ? 'Wrong passphrase. ' : ''}Passphrase for ${path} (not shown): `) } : {}),
    });
    // Connect now: key prompts and refusals come before any interview or progress display.
    try {
      await host.open();
    } catch (e) {
      await host.close();
      throw e;
    }
    return { host, description: target, kind: 'ssh' };
  }
  const { SimHost } = await import('../sim/host.js');
  const { CURRENT_PVE } = await import('../sim/state.js');
  if (target?.startsWith('sim:')) {
    const dir = resolvePath(target.slice(4));
    return { host: new SimHost(dir, { env: opts.env }), description: `simulated host in ${dir}`, kind: 'sim' };
  }
  if (opts.dryRun) {
    // A scratch host for this run only: closing it removes its folder.
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-plan-'));
    // The current release, a fresh host as the installer leaves it (no NixOS images: the plan shows their build).
    writeFileSync(join(dir, 'seed.json'), JSON.stringify({ pveVersion: CURRENT_PVE }));
    const sim = new SimHost(dir, { env: opts.env });
    const closeSim = sim.close.bind(sim);
    sim.close = async () => {
      try {
        await closeSim();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    return { host: sim, description: `a fresh Proxmox VE ${CURRENT_PVE} host (simulated: no --host given and this machine is not a Proxmox VE host)`, kind: 'fresh-sim' };
  }
  throw new UsageError(
    'this machine is not a Proxmox VE host, so there is nothing to provision here',
    'netsetup-wizard install --dry-run (see the plan), --host sim:/tmp/site (a simulated host), or --host ssh://root@HOST',
  );
}
