// @ts-nocheck
// The context every provisioning task shares. Facts are learned from the host in preflight;
// nothing here is guessed.
import { InterruptibleHost } from '../host/interruptible.js';
import type { Host } from '../host/types.js';
import type { Plan, Role } from '../plan/types.js';
import type { Release } from './release.js';

export interface GuestInfo {
  vmid: number;
  name: string;
  type: 'lxc' | 'qemu';
  status: string;
  tags: string[];
}

export interface HostFacts {
  node: string;
  pveVersion: string;
  /** PVE 9 (trixie) or 8 (bookworm): repository format, suite, keyring, template. */
  release: Release;
  /** Storage for container root disks and VM disks (content rootdir/images). */
  guestStorage: string;
  /** Storage holding container templates and backups (content vztmpl). */
  templateStorage: string;
  /** Path of each NixOS image on the host. */
  images: Partial<Record<Role, string>>;
  vmids: Record<Role, number>;
  /** Guests this wizard created earlier (found by name + netsetup tag). */
  existing: Partial<Record<Role, GuestInfo>>;
  /** Container template volid, once chosen. */
  templateVolid?: string;
  /** The throwaway image builder container (when an image has to be made, or one is left over). */
  builder?: { vmid: number; exists: boolean };
}

export interface SiteFile {
  guest: 'mail' | 'dns';
  path: string;
  content: string;
  mode: number;
  secret: boolean;
  quiet?: boolean;
}

export interface InstallCtx {
  plan: Plan;
  host: Host;
  dryRun: boolean;
  signal: AbortSignal;
  facts?: HostFacts;
  /** Files each VM needs (site data + secrets), rendered from the plan. */
  siteFiles: SiteFile[];
  /** Renders siteFiles after preflight (keys it needs are kept on the host). */
  prepareSiteFiles?: (host: Host) => Promise<SiteFile[]>;
  /** Steps that failed (branches run on after a sibling fails; the run fails at the end). */
  failures: Array<{ step: string; error: unknown }>;
  /** Secrets generated while provisioning (the log redacts them as well). */
  extraSecrets: string[];
  /** Counts for the summary. */
  changed: string[];
  skipped: string[];
  dkimRecord?: string;
  /** Milliseconds between polls grow with elapsed time; tests and the simulator keep them short. */
  pollMinMs: number;
  /** Upper bound for waiting on a guest (boot, agent), in ms. */
  waitLimitMs: number;
  /** The wizard's environment (limits for long guest work). */
  env?: NodeJS.ProcessEnv;
  /** Work that side-by-side branches share (e.g. one template download), by key. */
  once?: Map<string, Promise<void>>;
}

/** Run `work` once per key across the branches of one run; later callers wait for the first. */
export function once(ctx: InstallCtx, key: string, work: () => Promise<void>): Promise<void> {
  const map = (ctx.once ??= new Map());
  let p = map.get(key);
  if (!p) {
    p = work();
    map.set(key, p);
    p.catch(() => map.delete(key));
  }
  return p;
}

export function facts(ctx: InstallCtx): HostFacts {
  if (!ctx.facts) throw new Error('preflight has not run');
  return ctx.facts;
}

export const IMAGE_DIR = '/var/lib/vz/dump';
export const imageFile = (role: 'mail' | 'dns') => `vzdump-qemu-netsetup-${role}.vma.zst`;
export const STATE_FILE = '/etc/netsetup/state.json';
export const PUSH_DIR = '/var/lib/netsetup/push';

/** A fresh context. Simulated and dry-run hosts answer at once, so they are polled often. */
export function newInstallCtx(o: { plan: Plan; host: Host; dryRun: boolean; signal: AbortSignal; siteFiles: SiteFile[]; env: NodeJS.ProcessEnv }): InstallCtx {
  const fast = o.host.name.startsWith('sim:') || o.host.name.startsWith('dry-run');
  return {
    plan: o.plan,
    // Every command of the task list gets the Ctrl-C signal; none starts after Ctrl-C.
    host: new InterruptibleHost(o.host, o.signal),
    dryRun: o.dryRun,
    signal: o.signal,
    siteFiles: o.siteFiles,
    failures: [],
    extraSecrets: [],
    changed: [],
    skipped: [],
    pollMinMs: fast ? 5 : 1000,
    waitLimitMs: Number(o.env.NETSETUP_WAIT_LIMIT_MS ?? 15 * 60_000),
    env: o.env,
  };
}

/** The process's one Ctrl-C owner (src/cli/interrupt.ts) aborts this region's signal. */
export { withInterrupt } from '../cli/interrupt.js';
