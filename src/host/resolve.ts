// --host TARGET → a Host. No target: the local machine when it is a Proxmox VE host; for a dry
// run elsewhere, a fresh simulated host answers the read-only questions.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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

export async function resolveHost(target: string | undefined, opts: { dryRun: boolean; env: NodeJS.ProcessEnv; say: (line: string) => void }): Promise<ResolvedHost> {
  if (target === 'local' || (target === undefined && isProxmoxHost())) {
    const { LocalHost } = await import('./local.js');
    return { host: new LocalHost(), description: 'this Proxmox VE host', kind: 'local' };
  }
  if (target?.startsWith('ssh://')) {
    const { SshHost, parseSshTarget } = await import('./ssh.js');
    const host = new SshHost(parseSshTarget(target), {
      env: opts.env,
      onNewHostKey: (hp, fp) => opts.say(`First connection to ${hp}: host key ${fp} is now pinned. Compare it with the host's console: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub`),
    });
    return { host, description: target, kind: 'ssh' };
  }
  const { SimHost } = await import('../sim/host.js');
  const { CURRENT_PVE } = await import('../sim/state.js');
  if (target?.startsWith('sim:')) {
    const dir = resolvePath(target.slice(4));
    return { host: new SimHost(dir, { env: opts.env }), description: `simulated host in ${dir}`, kind: 'sim' };
  }
  if (opts.dryRun) {
    const dir = mkdtempSync(join(tmpdir(), 'netsetup-plan-'));
    // The current release. The images are seeded until the wizard obtains them itself (issue 11,
    // images part); everything else is a fresh host as the installer leaves it.
    writeFileSync(join(dir, 'seed.json'), JSON.stringify({ pveVersion: CURRENT_PVE, images: true }));
    return { host: new SimHost(dir, { env: opts.env }), description: `a fresh Proxmox VE ${CURRENT_PVE} host (simulated: no --host given and this machine is not a Proxmox VE host)`, kind: 'fresh-sim' };
  }
  throw new UsageError(
    'this machine is not a Proxmox VE host, so there is nothing to provision here',
    'netsetup-wizard install --dry-run (see the plan), --host sim:/tmp/site (a simulated host), or --host ssh://root@HOST',
  );
}
