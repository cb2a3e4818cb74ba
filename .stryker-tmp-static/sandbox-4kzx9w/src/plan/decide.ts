// @ts-nocheck
// The relay-vs-standalone decision tree of SPEC §2, as pure functions:
//   port 25 out blocked → smarthost; open + static IPv4 whose PTR is settable (or already
//   mail.<domain>) → standalone, else smarthost; high volume → smarthost; customer refuses any
//   third party → standalone with the risks spelled out; checks unknown → smarthost, saying why.
import type { CheckResults } from '../checks/types.js';
import type { Decision, Mode, Recommendation } from './types.js';
import { InputError } from '../cli/errors.js';

export interface DecisionPrefs {
  /** More than a few hundred messages a day, or deliverability is business-critical. */
  highVolume: boolean;
  /** The customer accepts a third-party relay provider. */
  thirdPartyAllowed: boolean;
  /** The site has a static public IPv4. */
  staticIp: boolean;
  /** The ISP sets the PTR on request. Unknown (undefined) counts as yes for a static IP, with a risk. */
  ptrSettable?: boolean;
}

/** One fact about direct delivery: why it rules direct delivery out (blocker) or what to watch. */
interface Finding {
  reason: string;
  /** Set when direct delivery cannot work (or cannot be shown to work) because of this fact. */
  blocker?: string;
  risk?: string;
}

const SMARTHOST_RISKS = [
  "Outbound mail depends on the relay provider: the account, its sending limits and the provider's reputation.",
  "Publish the provider's SPF include and DKIM records, or relayed mail fails SPF/DKIM and so DMARC.",
];
const STANDALONE_RISK = "Deliverability rests on this one IP's reputation: a listing on a blocklist (e.g. Spamhaus) or a mistake elsewhere on the line stops outbound mail until it is cleared.";

function directDelivery(checks: CheckResults | undefined, prefs: DecisionPrefs, domain: string): Finding[] {
  if (!checks) {
    return [{ reason: 'The live checks did not run, so outbound port 25 and reverse DNS are unknown.', blocker: 'It is not known whether this site can deliver directly (port 25, PTR).' }];
  }
  const out: Finding[] = [];
  const p = checks.port25;
  if (p.status === 'blocked') {
    return [{ reason: `Outbound port 25 is blocked (${p.detail}): direct delivery cannot work from this line.`, blocker: 'Outbound port 25 is blocked: no mail leaves until the ISP opens it.' }];
  }
  if (p.status === 'no-dns' || p.status === 'no-network') {
    const what = p.status === 'no-dns' ? 'DNS did not resolve the MX hosts' : 'this host had no route to the internet';
    return [{ reason: `Outbound port 25 could not be tested (${what}), so it is unknown whether direct delivery works.`, blocker: 'Port 25 is untested: direct delivery may not work at all.' }];
  }
  out.push({ reason: `Outbound port 25 is open (${p.host} answered).` });
  const ip = checks.publicIp;
  if (ip.status === 'ok' && ip.cgnat) {
    out.push({ reason: 'The site is behind carrier-grade NAT: it has no public IPv4 of its own, so no PTR can be set for it.', blocker: 'Behind carrier-grade NAT the site shares its address: no PTR of its own, and inbound mail cannot reach it.' });
    return out;
  }
  if (!prefs.staticIp) {
    out.push({ reason: 'The public IP is dynamic: receivers distrust dynamic addresses and a PTR cannot follow a changing address.', blocker: 'The public IP is dynamic: many receivers reject or junk mail from dynamic addresses, and there is no matching PTR.' });
    return out;
  }
  const ptr = checks.ptr;
  const expected = ptr?.expected || `mail.${domain}`;
  if (ptr?.matchesMailHost && ptr.forwardConfirmed) {
    out.push({ reason: `The public IP is static and its PTR is already ${expected}, confirmed forward.` });
  } else if (ptr?.matchesMailHost) {
    out.push({ reason: `The public IP is static and its PTR is already ${expected}.`, risk: `${expected} does not resolve back to ${ptr.ip} yet: publish its A record before sending.` });
  } else if (prefs.ptrSettable === false) {
    const now = ptr && ptr.names.length ? ` (it is ${ptr.names.join(', ')})` : '';
    out.push({ reason: `The public IP is static but the ISP will not set its PTR to ${expected}${now}.`, blocker: `The PTR is not ${expected} and cannot be changed: large providers (Gmail, Microsoft) reject or junk such mail.` });
  } else {
    const now = !ptr ? 'it could not be checked' : ptr.status === 'missing' ? 'it has none yet' : ptr.status === 'lookup-failed' ? 'the lookup failed' : `it is ${ptr.names.join(', ')} now`;
    const how = prefs.ptrSettable ? 'the ISP sets its PTR on request' : 'static addresses usually get a PTR on request';
    out.push({
      reason: `The public IP is static and ${how}: ask for ${expected} (${now}).`,
      risk: `Until the ISP sets the PTR of ${ptr?.ip ?? 'the public IP'} to ${expected}, large providers (Gmail, Microsoft) reject or junk the mail.`,
    });
  }
  return out;
}

export function recommend(checks: CheckResults | undefined, prefs: DecisionPrefs, domain = '<domain>'): Recommendation {
  const findings = directDelivery(checks, prefs, domain);
  const blockers = findings.filter((f) => f.blocker);
  const facts = findings.map((f) => f.reason);
  const directRisks = findings.flatMap((f) => (f.risk ? [f.risk] : []));

  if (!prefs.thirdPartyAllowed) {
    const risks = [...blockers.map((f) => f.blocker!), ...directRisks];
    if (prefs.highVolume) risks.push('High volume from a single site IP is throttled and junked more often than mail through a relay provider.');
    risks.push(STANDALONE_RISK);
    return { mode: 'standalone', reasons: ['The customer refuses any third-party relay, so mail is delivered directly.', ...facts], risks };
  }
  if (prefs.highVolume) {
    return {
      mode: 'smarthost',
      reasons: ['High volume or strict deliverability is needed: a relay provider delivers more reliably than a single site IP.', ...facts],
      risks: SMARTHOST_RISKS,
    };
  }
  if (blockers.length === 0) {
    return { mode: 'standalone', reasons: [...facts, 'So this site can deliver directly: standalone.'], risks: [...directRisks, STANDALONE_RISK] };
  }
  const conclusion = checks ? 'So outbound mail goes through a smarthost.' : 'A smarthost works whatever the checks would show, so it is the safe choice; run the checks to see whether standalone is possible.';
  return { mode: 'smarthost', reasons: [...facts, conclusion], risks: SMARTHOST_RISKS };
}

/** The technician's choice. Overriding the recommendation needs a reason (it goes into the handover). */
export function decide(rec: Recommendation, chosen: Mode, overrideReason?: string): Decision {
  if (chosen === rec.mode) return { recommended: rec, chosen };
  const reason = overrideReason?.trim() ?? '';
  if (reason.length < 3) {
    throw new InputError('decision', [
      { path: 'decision.overrideReason', message: `is required: ${chosen} was chosen but ${rec.mode} is recommended (${rec.reasons[0] ?? 'see the checks'}); say why, it goes into the handover checklist` },
    ]);
  }
  return { recommended: rec, chosen, overrideReason: reason };
}
