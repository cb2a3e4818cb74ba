// @ts-nocheck
// Answers (+ checks + decision) → Plan. Pure.
import type { Answers } from '../schema/answers.js';
import type { CheckResults } from '../checks/types.js';
import { relayPreset, relaySpfMechanism } from '../catalog/relayPresets.js';
import type { Decision, GuestPlan, Plan, ResolvedRelay, Role } from './types.js';
import { guestMarker } from './guestMarker.js';

export const NETSETUP_TAG = 'netsetup';

const RESOURCES: Record<Role, { kind: 'lxc' | 'qemu'; cores: number; memoryMb: number; diskGb: number; what: string }> = {
  pmg: { kind: 'lxc', cores: 2, memoryMb: 4096, diskGb: 10, what: 'Proxmox Mail Gateway' },
  mail: { kind: 'qemu', cores: 2, memoryMb: 2048, diskGb: 32, what: 'NixOS mail VM (postfix, dovecot, roundcube)' },
  dns: { kind: 'qemu', cores: 1, memoryMb: 1024, diskGb: 8, what: 'NixOS DNS VM (coredns, step-ca, lego, ddns-updater)' },
};

export const ROLES: readonly Role[] = ['pmg', 'mail', 'dns'];

export function guestName(role: Role, serial: string): string {
  return `${role}-${serial}`;
}

export function resolveRelay(a: Answers): ResolvedRelay | undefined {
  if (a.mode !== 'smarthost' || !a.relay) return undefined;
  const preset = relayPreset(a.relay.preset ?? 'custom');
  const host = a.relay.host ?? preset?.host ?? '';
  return {
    presetKey: preset?.key ?? 'custom',
    label: preset?.label ?? 'Custom relay',
    host,
    port: a.relay.port ?? preset?.port ?? 587,
    user: a.relay.user ?? preset?.fixedUser,
    spf: relaySpfMechanism(preset, host, a.relay.spf) ?? `a:${host}`,
    dkimAdvice: preset?.dkimAdvice ?? 'Publish the DKIM records your relay provider gives you.',
  };
}

export function derivePlan(
  answers: Answers,
  opts: { checks?: CheckResults; decision?: Decision; vmids?: Partial<Record<Role, number>>; dkimRecord?: string } = {},
): Plan {
  const { domain, hostSerial: serial, network } = answers;
  const guests: GuestPlan[] = ROLES.map((role) => {
    const r = RESOURCES[role];
    const name = guestName(role, serial);
    return {
      role,
      kind: r.kind,
      name,
      designName: `${role}@${serial}`,
      vmid: opts.vmids?.[role] ?? null,
      ip: network[role],
      prefixLength: network.prefixLength,
      gateway: network.gateway,
      bridge: network.bridge,
      tags: [NETSETUP_TAG, role],
      // The marker is the proof of ownership a later run checks (src/plan/guestMarker.ts).
      description: `${role}@${serial}: ${r.what} for ${domain}, created by netsetup-wizard ${guestMarker({ serial, domain }, role)}`,
      cores: r.cores,
      memoryMb: r.memoryMb,
      diskGb: role === 'mail' ? answers.disks?.mailGb ?? r.diskGb : role === 'dns' ? answers.disks?.dnsGb ?? r.diskGb : r.diskGb,
    };
  });
  const echoed = opts.checks?.publicIp.status === 'ok' ? opts.checks.publicIp.ip : undefined;
  return {
    answers,
    domain,
    serial,
    fqdn: { mail: `mail.${domain}`, mx: `mx.${domain}`, pmg: `pmg.${domain}` },
    guests,
    relay: resolveRelay(answers),
    decision: opts.decision,
    checks: opts.checks,
    publicIp: answers.publicIp ?? echoed,
    ddnsManaged: !answers.publicIp && (answers.dnsProvider !== undefined || answers.dyndns !== undefined),
    dkimRecord: opts.dkimRecord,
  };
}

export function guest(plan: Plan, role: Role): GuestPlan {
  const g = plan.guests.find((x) => x.role === role);
  if (!g) throw new Error(`plan has no ${role} guest`);
  return g;
}
