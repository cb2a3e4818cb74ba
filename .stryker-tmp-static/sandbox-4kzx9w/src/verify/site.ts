// @ts-nocheck
// A provisioned site as the later commands see it: the state file on the host, the plan rebuilt
// from it, and a few read-only facts the host can tell (its own address, the backup job, the
// DKIM key on the mail VM when the state does not have it yet). Never changes the host.
import { UsageError, WorkError } from '../cli/errors.js';
import { pveshGet } from '../host/pvesh.js';
import { readHostNetwork } from '../host/hostNetwork.js';
import { isProxmoxHost, resolveHost } from '../host/resolve.js';
import type { Host } from '../host/types.js';
import { vmRun } from '../host/guest.js';
import { stateGuestIsOurs } from '../site/guestOwnership.js';
import type { Plan } from '../plan/types.js';
import { STATE_FILE } from '../tasks/context.js';
import { readState, type SiteState } from '../tasks/siteState.js';
import { BACKUP_JOB_ID } from '../tasks/pbsTask.js';
import { parseDkimTxt } from '../tasks/dkimTask.js';
import { planFromState } from './planFromState.js';

export interface BackupJob {
  id: string;
  schedule: string;
  storage: string;
  vmids: string;
  enabled: boolean;
}

/** What the host told us beyond the state file; every field optional (an unreachable API). */
export interface HostFacts {
  /** The Proxmox host's LAN address (PBS and PVE web UIs). */
  hostAddress?: string;
  backup?: BackupJob;
}

export interface LoadedSite {
  state: SiteState;
  plan: Plan;
  facts: HostFacts;
  hostDescription: string;
}

async function readDkim(host: Host, state: SiteState): Promise<string | undefined> {
  if (state.mode !== 'standalone' || state.dkimRecord) return state.dkimRecord;
  const mail = state.guests.find((g) => g.role === 'mail');
  if (!mail || mail.vmid <= 0) return undefined;
  // Nothing runs inside a guest that does not carry the site's marker.
  if (!(await stateGuestIsOurs(host, state, 'mail'))) return undefined;
  const r = await vmRun(host, mail.vmid, ['cat', `/var/lib/opendkim/${state.domain}.txt`], { readOnly: true, allowFailure: true }).catch(() => undefined);
  return r && r.exit === 0 ? parseDkimTxt(r.stdout) : undefined;
}

export async function readHostFacts(host: Host): Promise<HostFacts> {
  const facts: HostFacts = {};
  const net = await readHostNetwork(host);
  if (net) facts.hostAddress = net.address;
  const jobs = await pveshGet<Array<{ id: string; schedule?: string; storage?: string; vmid?: string; enabled?: number | boolean }>>(host, '/cluster/backup').catch(() => []);
  const job = jobs.find((j) => j.id === BACKUP_JOB_ID);
  if (job) facts.backup = { id: job.id, schedule: job.schedule ?? '', storage: job.storage ?? '', vmids: String(job.vmid ?? ''), enabled: job.enabled === undefined ? true : Boolean(Number(job.enabled)) };
  return facts;
}

/** Read the site of --host TARGET (default: this machine when it is a Proxmox VE host). */
export async function loadSite(target: string | undefined, env: NodeJS.ProcessEnv, say: (line: string) => void, command: string): Promise<LoadedSite> {
  if (target === undefined && !isProxmoxHost()) {
    throw new UsageError(`${command} reads the site state of a provisioned host, and this machine is not a Proxmox VE host`, `netsetup-wizard ${command} --host ssh://root@HOST (or --host sim:DIR)`);
  }
  const resolved = await resolveHost(target, { dryRun: false, env, say });
  try {
    const state = await readState(resolved.host);
    if (!state) {
      throw new WorkError(`no site state on ${resolved.description} (${STATE_FILE} is missing or unreadable)`, { advice: 'provision the site first: netsetup-wizard install' });
    }
    const dkimRecord = await readDkim(resolved.host, state);
    const facts = await readHostFacts(resolved.host);
    return { state, plan: planFromState(state, { dkimRecord }), facts, hostDescription: resolved.description };
  } finally {
    await resolved.host.close();
  }
}
