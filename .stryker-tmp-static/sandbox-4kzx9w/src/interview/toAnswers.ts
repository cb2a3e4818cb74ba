// @ts-nocheck
// Interview state → answers (the same shape an answers file has), validated by answersSchema.
import { answersSchema, type Answers, type AnswersInput } from '../schema/answers.js';
import { zodProblems } from '../schema/load.js';
import type { FieldProblem } from '../cli/errors.js';
import type { InterviewState } from './state.js';
import { dnsCredentialsValue, dyndnsValue, networkValue, relayValue } from './validate.js';

export function toAnswersInput(s: InterviewState): AnswersInput {
  const mode = s.decision?.chosen ?? s.recommendation?.mode ?? 'standalone';
  const staticIp = s.questions.staticIp && s.publicIp.ip.trim() !== '';
  const out: Record<string, unknown> = {
    domain: s.domain.trim(),
    hostSerial: s.hostSerial.trim(),
    mode,
    ...(mode === 'smarthost' ? { relay: relayValue(s.relay) } : {}),
    ...(staticIp ? { publicIp: s.publicIp.ip.trim() } : {}),
    ...(s.dnsProvider.provider && s.dnsProvider.provider !== 'none'
      ? { dnsProvider: dnsCredentialsValue(s.dnsProvider.provider, s.dnsProvider.credentials) }
      : {}),
    ...(!staticIp && s.publicIp.dyndns ? { dyndns: dyndnsValue(s.publicIp.dyndns) } : {}),
    network: networkValue(s.network),
    mailboxes: s.mailboxes.map((m) => ({ user: m.user.trim(), ...(m.password !== '' ? { password: m.password } : m.passwordFile ? { passwordFile: m.passwordFile } : {}) })),
    ...s.passthrough,
    decision: {
      highVolume: s.questions.highVolume,
      thirdPartyAllowed: s.questions.thirdPartyAllowed,
      ...(s.decision?.overrideReason ? { overrideReason: s.decision.overrideReason } : {}),
    },
  };
  return out as AnswersInput;
}

export type AnswersResult = { ok: true; answers: Answers } | { ok: false; problems: FieldProblem[] };

export function toAnswers(s: InterviewState): AnswersResult {
  const r = answersSchema.safeParse(toAnswersInput(s));
  return r.success ? { ok: true, answers: r.data } : { ok: false, problems: zodProblems(r.error) };
}
