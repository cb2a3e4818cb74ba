// @ts-nocheck
// Interview state: what the technician has typed so far (strings, as typed) plus the live
// check results and the delivery decision. Converted to answers by toAnswers.ts.
import type { AnswersInput } from '../schema/answers.js';
import type { CheckResults } from '../checks/types.js';
import type { Decision, Recommendation } from '../plan/types.js';
import { relayPreset } from '../catalog/relayPresets.js';
import { suggestNetwork, type HostNetwork } from './networkDefaults.js';

export type Step =
  | 'welcome'
  | 'domain'
  | 'hostSerial'
  | 'network'
  | 'checks'
  | 'questions'
  | 'recommendation'
  | 'relay'
  | 'publicIp'
  | 'dnsProvider'
  | 'mailboxes'
  | 'review';

/** The screens in interview order. `relay` only applies to a smarthost decision. */
export const FLOW: readonly Step[] = ['welcome', 'domain', 'hostSerial', 'network', 'checks', 'questions', 'recommendation', 'relay', 'publicIp', 'dnsProvider', 'mailboxes', 'review'];

export interface NetworkDraft {
  bridge: string;
  gateway: string;
  prefixLength: string;
  pmg: string;
  mail: string;
  dns: string;
}

export interface RelayDraft {
  /** Preset key, '' until chosen. */
  preset: string;
  host: string;
  port: string;
  user: string;
  password: string;
  spf: string;
  /** Kept from an answers file; used when no password was typed. */
  passwordFile?: string;
}

export interface DyndnsDraft {
  provider: string;
  username: string;
  secret: string;
  /** Comma-separated labels as typed. */
  hosts: string;
  domain: string;
}

export interface PublicIpDraft {
  /** Static public IPv4 as typed; only used when the site has one. */
  ip: string;
  /** The optional dyndns target zone, when no static IP. */
  dyndns?: DyndnsDraft;
}

export interface DnsDraft {
  /** Provider key, 'none' for no DNS automation, '' until chosen. */
  provider: string;
  credentials: Record<string, string>;
}

export interface MailboxDraft {
  user: string;
  password: string;
  passwordFile?: string;
}

export interface Questions {
  highVolume: boolean;
  thirdPartyAllowed: boolean;
  staticIp: boolean;
}

export interface Drafts {
  domain: string;
  hostSerial: string;
  network: NetworkDraft;
  relay: RelayDraft;
  publicIp: PublicIpDraft;
  dnsProvider: DnsDraft;
  mailboxes: MailboxDraft[];
}

export interface InterviewState extends Drafts {
  step: Step | 'done' | 'aborted';
  /** Screens passed through, for Esc. */
  history: Step[];
  /** Steps whose answers are complete; a jump from review returns to review once none is missing. */
  completed: Step[];
  returnToReview: boolean;
  checks?: CheckResults;
  /** Answers to the three decision questions (defaults until answered). */
  questions: Questions;
  recommendation?: Recommendation;
  decision?: Decision;
  /** Fields passed through from the initial answers that the interview does not ask (pbs). */
  passthrough: Pick<AnswersInput, 'pbs'>;
}

export function emptyRelay(presetKey = ''): RelayDraft {
  const p = relayPreset(presetKey);
  return { preset: presetKey, host: p?.host ?? '', port: p ? String(p.port) : '587', user: p?.fixedUser ?? '', password: '', spf: '' };
}

export function initialState(initial: Partial<AnswersInput> = {}, hostNetwork?: HostNetwork): InterviewState {
  const suggested = suggestNetwork(hostNetwork);
  const n = initial.network;
  const r = initial.relay;
  const dd = initial.dyndns;
  return {
    step: 'welcome',
    history: [],
    completed: [],
    returnToReview: false,
    domain: initial.domain ?? '',
    hostSerial: initial.hostSerial ?? '',
    network: {
      bridge: n?.bridge ?? suggested.bridge,
      gateway: n?.gateway ?? suggested.gateway,
      prefixLength: String(n?.prefixLength ?? suggested.prefixLength),
      pmg: n?.pmg ?? suggested.pmg,
      mail: n?.mail ?? suggested.mail,
      dns: n?.dns ?? suggested.dns,
    },
    relay: r
      ? {
          ...emptyRelay(r.preset ?? 'custom'),
          ...(r.host ? { host: r.host } : {}),
          ...(r.port ? { port: String(r.port) } : {}),
          ...(r.user ? { user: r.user } : {}),
          password: r.password ?? '',
          spf: r.spf ?? '',
          ...(r.passwordFile ? { passwordFile: r.passwordFile } : {}),
        }
      : emptyRelay(),
    publicIp: {
      ip: initial.publicIp ?? '',
      ...(dd ? { dyndns: { provider: dd.provider, username: dd.username ?? '', secret: dd.secret, hosts: dd.hosts.join(', '), domain: dd.domain } } : {}),
    },
    dnsProvider: initial.dnsProvider
      ? { provider: initial.dnsProvider.provider, credentials: { ...(initial.dnsProvider.credentials ?? {}) } }
      : { provider: '', credentials: {} },
    mailboxes: (initial.mailboxes ?? []).map((m) => ({ user: m.user, password: m.password ?? '', ...(m.passwordFile ? { passwordFile: m.passwordFile } : {}) })),
    questions: {
      highVolume: initial.decision?.highVolume ?? false,
      thirdPartyAllowed: initial.decision?.thirdPartyAllowed ?? true,
      staticIp: initial.publicIp !== undefined,
    },
    passthrough: initial.pbs ? { pbs: initial.pbs } : {},
  };
}
