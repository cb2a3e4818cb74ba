// @ts-nocheck
// The relay change as a listr2 list. Touches only the mail VM (its site.json relay block and the
// relay SASL secret, nixos-rebuild switch, a postfix reload) and the site state file on the
// host. Every step asks the real host first, so repeating the same change changes nothing.
import { createHash } from 'node:crypto';
import { Listr } from 'listr2';
import { listrOptions } from './listrOptions.js';
import { WorkError } from '../cli/errors.js';
import { vmRun } from '../host/guest.js';
import { pveshGet } from '../host/pvesh.js';
import { guest } from '../plan/derive.js';
import { describeGuest, inspectGuest, isOurs } from '../site/guestOwnership.js';
import { redactAnswers } from '../plan/redactAnswers.js';
import { nixSourceFiles } from '../render/nixFiles.js';
import { mailSiteJson, renderSiteConfig, SECRET_PATHS, SITE_JSON } from '../render/siteConfig.js';
import { STATE_FILE, type InstallCtx } from './context.js';
import type { RendererName } from './getRenderer.js';
import { APPLIED_MARKER, rebuildInGuest, siteHashFromDigests } from './nixosVmTask.js';
import { readState, type SiteState } from './siteState.js';
import { step, streamTo } from './step.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface RelayChangeFacts {
  vmid: number;
  name: string;
  /** site.json as the mail VM should have it after the change. */
  siteJson: string;
}

/** postfix `relayhost` for the plan: `[host]:port`, or '' for direct delivery. */
export function expectedRelayhost(ctx: InstallCtx): string {
  const r = ctx.plan.relay;
  return r ? `[${r.host}]:${r.port}` : '';
}

/** The current site.json with only its relay block replaced (the rest stays byte-identical). */
export function withRelay(current: string | undefined, ctx: InstallCtx): string {
  const relay = mailSiteJson(ctx.plan).relay;
  let site: Record<string, unknown>;
  try {
    site = current ? (JSON.parse(current) as Record<string, unknown>) : mailSiteJson(ctx.plan);
  } catch {
    site = mailSiteJson(ctx.plan);
  }
  return `${JSON.stringify({ ...site, relay }, null, 2)}\n`;
}

/** Paths and modes the install keeps on the mail VM for this plan (what APPLIED_MARKER hashes). */
function mailFileSet(ctx: InstallCtx): Array<{ path: string; mode: number }> {
  return [...renderSiteConfig(ctx.plan, { readSecretFile: () => 'unused', salt: 'unused' }).files, ...nixSourceFiles('mail')]
    .filter((f) => f.guest === 'mail')
    .map((f) => ({ path: f.path, mode: f.mode }));
}

async function digests(ctx: InstallCtx, vmid: number, paths: string[]): Promise<Map<string, string>> {
  const r = await vmRun(ctx.host, vmid, ['sha256sum', ...paths], { readOnly: true, allowFailure: true });
  return new Map(r.stdout.split('\n').map((l) => l.trim().split(/\s+/)).filter((p) => p.length === 2).map(([h, p]) => [p!, h!]));
}

interface ResourceEntry { vmid: number; name?: string; type: string; status?: string; tags?: string }

/** Find the running mail VM of the site and compute the files it should get. */
export async function findMailVm(ctx: InstallCtx, state: SiteState): Promise<RelayChangeFacts> {
  const want = state.guests.find((g) => g.role === 'mail');
  if (!want) throw new WorkError('the site state lists no mail VM', { advice: 'Repair the site first: netsetup-wizard (menu) → Repair, or netsetup-wizard install --answers FILE.' });
  const resources = await pveshGet<ResourceEntry[]>(ctx.host, '/cluster/resources', { type: 'vm' });
  const live = resources.find((r) => r.vmid === want.vmid);
  if (!live) {
    throw new WorkError(`the mail VM ${want.name} (ID ${want.vmid}) of the site state is not on this host`, {
      advice: 'The host and the state file disagree; repair the site first (netsetup-wizard → Repair), then change the relay.',
    });
  }
  // Only a guest whose description carries this site's marker for the mail VM gets the relay
  // password and a rebuild; anything else at that ID is named and left alone.
  const found = await inspectGuest(ctx.host, live);
  if (!isOurs(found, { serial: state.serial, domain: state.domain }, 'mail', 'qemu')) {
    throw new WorkError(`ID ${want.vmid}, the mail VM ${want.name} in the site state, holds ${describeGuest(found)}. It does not carry the netsetup marker of ${want.name} for site ${state.serial} (${state.domain}), so nothing was sent to it`, {
      advice: 'Run a repair (netsetup-wizard → Repair, or install --answers FILE) to see what the host holds; the wizard never changes a guest it cannot prove it created.',
    });
  }
  if (live.status !== 'running') throw new WorkError(`the mail VM ${want.name} (ID ${want.vmid}) is ${live.status ?? 'not running'}`, { advice: `Start it (qm start ${want.vmid}) or repair the site, then run the relay change again.` });
  const ping = await ctx.host.run(['qm', 'guest', 'cmd', String(want.vmid), 'ping'], { readOnly: true, allowFailure: true });
  if (ping.exit !== 0 && !ctx.dryRun) throw new WorkError(`the guest agent of ${want.name} does not answer`, { advice: 'Wait until the VM has booted, then run the relay change again.' });
  const current = await vmRun(ctx.host, want.vmid, ['cat', SITE_JSON], { readOnly: true, allowFailure: true });
  return { vmid: want.vmid, name: want.name, siteJson: withRelay(current.exit === 0 && current.stdout.trim() ? current.stdout : undefined, ctx) };
}

/** `sasl`: the relay SASL map content ('' = no relay: the secret on the VM is cleared). */
export function buildRelayChangeList(ctx: InstallCtx, state: SiteState, sasl: string, renderer: RendererName, stream: NodeJS.WriteStream = process.stderr): Listr<InstallCtx> {
  let vm: RelayChangeFacts | undefined;
  const f = () => {
    if (!vm) throw new Error('the mail VM has not been found');
    return vm;
  };
  const uploads = () => [
    { path: SITE_JSON, mode: 0o644, content: f().siteJson, secret: false },
    { path: SECRET_PATHS.relaySasl, mode: 0o600, content: sasl, secret: true },
  ];
  const pending = async (c: InstallCtx) => {
    const have = await digests(c, f().vmid, uploads().map((u) => u.path));
    // No relay: an absent SASL map is as good as an empty one (postfix creates it empty).
    return uploads().filter((u) => have.get(u.path) !== sha256(u.content) && !(u.content === '' && !have.has(u.path)));
  };
  let uploaded = 0;
  let rebuilt = false;
  const mailName = guest(ctx.plan, 'mail').name;
  return new Listr<InstallCtx, any, any>(
    [
      {
        title: `Find the mail VM ${mailName}`,
        task: async (c, task) => {
          vm = await findMailVm(c, state);
          task.output = `VM ${vm.vmid}, running`;
        },
      },
      step({
        title: `Upload the relay settings to ${mailName}`,
        done: async (c) => ((await pending(c)).length === 0 ? 'relay settings already current' : false),
        run: async (c, t) => {
          for (const u of await pending(c)) {
            t.output = u.path;
            await vmRun(c.host, f().vmid, ['install', '-D', '-m', u.mode.toString(8).padStart(4, '0'), '/dev/stdin', u.path], { stdin: u.content, stdinPublic: !u.secret, label: u.secret ? 'relay SASL secret' : 'site.json' });
            uploaded++;
          }
        },
      }),
      step({
        title: `nixos-rebuild switch on ${mailName}`,
        done: async (c) => {
          const set = mailFileSet(c);
          const have = await digests(c, f().vmid, set.map((s) => s.path));
          if (set.some((s) => !have.has(s.path))) return false;
          const marker = await vmRun(c.host, f().vmid, ['cat', APPLIED_MARKER], { readOnly: true, allowFailure: true });
          const hash = siteHashFromDigests(set.map((s) => ({ ...s, sha256: have.get(s.path)! })));
          return marker.exit === 0 && marker.stdout.trim() === hash ? 'configuration already applied' : false;
        },
        run: async (c, t) => {
          const set = mailFileSet(c);
          const have = await digests(c, f().vmid, set.map((s) => s.path));
          const hash = siteHashFromDigests(set.map((s) => ({ ...s, sha256: have.get(s.path) ?? '' })));
          // Marked applied only after the reload (next step), so a resumed change reloads too.
          await rebuildInGuest(c, f().vmid, 'mail', hash, (line) => (t.output = line), { markApplied: false });
          rebuilt = true;
        },
      }),
      step({
        title: `Reload postfix on ${mailName} (it reads the SASL map at start)`,
        // The configuration counts as applied only after the reload: a run stopped in between
        // rebuilds and reloads again next time.
        done: async () => (uploaded === 0 && !rebuilt ? 'nothing changed' : false),
        run: async (c) => {
          await vmRun(c.host, f().vmid, ['systemctl', 'reload', 'postfix'], { label: 'reload postfix' });
          const set = mailFileSet(c);
          const have = await digests(c, f().vmid, set.map((s) => s.path));
          const hash = siteHashFromDigests(set.map((s) => ({ ...s, sha256: have.get(s.path) ?? '' })));
          await vmRun(c.host, f().vmid, ['install', '-D', '-m', '0644', '/dev/stdin', APPLIED_MARKER], { stdin: `${hash}\n`, stdinPublic: true, label: 'mark configuration applied' });
        },
      }),
      step({
        title: `Check that postfix on ${mailName} uses the new relay`,
        verifyOnly: true,
        run: async (c) => {
          const want = expectedRelayhost(c);
          const r = await vmRun(c.host, f().vmid, ['postconf', '-h', 'relayhost'], { readOnly: true });
          const got = r.stdout.trim();
          if (got !== want) throw new WorkError(`postfix on ${mailName} has relayhost "${got}", expected "${want}"`, { advice: 'Look at the nixos-rebuild output in the log; run the same command again.' });
          const act = await vmRun(c.host, f().vmid, ['systemctl', 'is-active', 'postfix'], { readOnly: true, allowFailure: true });
          if (act.exit !== 0) throw new WorkError(`postfix on ${mailName} is not active after the change`);
        },
      }),
      {
        title: `Save the site state (${STATE_FILE})`,
        task: async (c, task) => {
          const previous = (await readState(c.host)) ?? state;
          const next = nextState(previous, c);
          if (sameState(previous, next)) return task.skip('site state unchanged');
          await c.host.writeFile(STATE_FILE, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600, label: 'site state' });
          c.changed.push('site state');
        },
      },
    ],
    listrOptions(ctx, renderer, stream),
  );
}

/** The state after the change: mode, relay and the (redacted) answers; nothing else moves. */
export function nextState(previous: SiteState, ctx: InstallCtx): SiteState {
  const p = ctx.plan;
  const decision = previous.decision ? { ...previous.decision, chosen: p.answers.mode, ...(p.decision?.overrideReason ? { overrideReason: p.decision.overrideReason } : {}) } : p.decision;
  return {
    ...previous,
    mode: p.answers.mode,
    relay: p.relay ? { host: p.relay.host, port: p.relay.port, user: p.relay.user, preset: p.relay.presetKey } : undefined,
    answers: redactAnswers(p.answers),
    ...(decision ? { decision } : {}),
    updatedAt: new Date().toISOString(),
  };
}

function sameState(a: SiteState, b: SiteState): boolean {
  const strip = (s: SiteState) => JSON.stringify({ ...s, updatedAt: '' });
  return strip(a) === strip(b);
}
