// @ts-nocheck
// The plan: one derivation from answers (+ check results + what the host told us) that the
// dry run prints, the task lists execute, and the records/checklist render.
import type { Answers } from '../schema/answers.js';
import type { CheckResults } from '../checks/types.js';

export type Mode = 'standalone' | 'smarthost';
export type Role = 'pmg' | 'mail' | 'dns';

export interface GuestPlan {
  role: Role;
  kind: 'lxc' | 'qemu';
  /** Proxmox guest name / hostname, e.g. mail-lib. */
  name: string;
  /** The design-document name, e.g. mail@lib (goes into the description). */
  designName: string;
  /** VMID when known (from the host, or the previous run's state); null until the host says. */
  vmid: number | null;
  ip: string;
  prefixLength: number;
  gateway: string;
  bridge: string;
  tags: string[];
  description: string;
  cores: number;
  memoryMb: number;
  diskGb: number;
}

export interface Recommendation {
  mode: Mode;
  /** Human sentences, in order, that explain the recommendation. */
  reasons: string[];
  /** Risks the technician must tell the customer about when choosing this mode. */
  risks: string[];
}

export interface Decision {
  recommended: Recommendation;
  chosen: Mode;
  /** Present when chosen !== recommended.mode. */
  overrideReason?: string;
}

export interface ResolvedRelay {
  presetKey: string;
  label: string;
  host: string;
  port: number;
  user?: string;
  /** SPF mechanism to publish for the relay, e.g. include:sendgrid.net. */
  spf: string;
  dkimAdvice: string;
}

export interface Plan {
  answers: Answers;
  domain: string;
  serial: string;
  fqdn: { mail: string; mx: string; pmg: string };
  guests: GuestPlan[];
  relay?: ResolvedRelay;
  decision?: Decision;
  checks?: CheckResults;
  /** Public IPv4 used for records: answers.publicIp, else the check's echo, else undefined. */
  publicIp?: string;
  /** True when ddns-updater keeps the A records current (no static IP). */
  ddnsManaged: boolean;
  /** DKIM TXT value read back from the mail VM, when known. */
  dkimRecord?: string;
}
