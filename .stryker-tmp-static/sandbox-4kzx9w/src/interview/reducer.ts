// @ts-nocheck
// The interview flow as one pure reducer. Screens dispatch what the technician submitted;
// the reducer records it and decides which screen comes next. Back (Esc) is just an action.
import type { CheckResults } from '../checks/types.js';
import type { Decision, Recommendation } from '../plan/types.js';
import { FLOW, initialState, type Drafts, type InterviewState, type Questions, type Step } from './state.js';
import type { HostNetwork } from './networkDefaults.js';

export type InterviewAction =
  | { type: 'start' }
  /** The host's network arrived after the first frame: it replaces untouched default addresses. */
  | { type: 'hostNetwork'; hostNetwork: HostNetwork }
  | { type: 'submitDomain'; domain: string }
  | { type: 'submitHostSerial'; hostSerial: string }
  | { type: 'submitNetwork'; network: Drafts['network'] }
  | { type: 'checksDone'; checks: CheckResults }
  | { type: 'submitQuestions'; questions: Questions; recommendation: Recommendation }
  | { type: 'submitDecision'; decision: Decision }
  | { type: 'submitRelay'; relay: Drafts['relay'] }
  | { type: 'submitPublicIp'; publicIp: Drafts['publicIp'] }
  | { type: 'submitDnsProvider'; dnsProvider: Drafts['dnsProvider'] }
  | { type: 'submitMailboxes'; mailboxes: Drafts['mailboxes'] }
  /** Esc: one screen back; `keep` saves what was typed on the screen being left. */
  | { type: 'back'; keep?: Partial<Drafts> }
  /** From the review: edit one section, then return to the review. */
  | { type: 'jump'; step: Step }
  | { type: 'confirm' }
  | { type: 'abort' };

/** Whether a screen is part of the flow for the current answers. */
export function applies(step: Step, s: InterviewState): boolean {
  if (step === 'relay') return s.decision?.chosen === 'smarthost';
  return true;
}

function nextStep(s: InterviewState, from: Step): Step {
  const after = FLOW.slice(FLOW.indexOf(from) + 1).filter((st) => applies(st, s));
  if (s.returnToReview) return after.find((st) => st !== 'review' && !s.completed.includes(st)) ?? 'review';
  return after[0] ?? 'review';
}

function advance(s: InterviewState, patch: Partial<InterviewState>, invalidate: Step[] = []): InterviewState {
  if (s.step === 'done' || s.step === 'aborted') return s;
  const from = s.step;
  const completed = [...s.completed.filter((st) => st !== from && !invalidate.includes(st)), from];
  const merged: InterviewState = { ...s, ...patch, completed };
  const step = nextStep(merged, from);
  return {
    ...merged,
    step,
    history: [...s.history, from],
    returnToReview: step === 'review' ? false : merged.returnToReview,
  };
}

function sameRecommendation(a: Recommendation | undefined, b: Recommendation): boolean {
  return a !== undefined && a.mode === b.mode && a.reasons.join('\n') === b.reasons.join('\n') && a.risks.join('\n') === b.risks.join('\n');
}

export function interviewReducer(s: InterviewState, a: InterviewAction): InterviewState {
  switch (a.type) {
    case 'start':
      return advance(s, {});
    case 'hostNetwork': {
      const untouched = JSON.stringify(s.network) === JSON.stringify(initialState().network);
      if (!untouched || s.completed.includes('network') || s.step === 'network') return s;
      return { ...s, network: initialState({}, a.hostNetwork).network };
    }
    case 'submitDomain':
      return advance(s, { domain: a.domain });
    case 'submitHostSerial':
      return advance(s, { hostSerial: a.hostSerial });
    case 'submitNetwork':
      return advance(s, { network: a.network });
    case 'checksDone':
      // New facts: the questions (and with them the recommendation) must be looked at again.
      return advance(s, { checks: a.checks }, ['questions', 'recommendation']);
    case 'submitQuestions': {
      const keep = sameRecommendation(s.recommendation, a.recommendation) && s.decision !== undefined;
      return advance(
        s,
        { questions: a.questions, recommendation: a.recommendation, ...(keep ? {} : { decision: undefined }) },
        keep ? [] : ['recommendation'],
      );
    }
    case 'submitDecision':
      return advance(s, { decision: a.decision });
    case 'submitRelay':
      return advance(s, { relay: a.relay });
    case 'submitPublicIp':
      return advance(s, { publicIp: a.publicIp });
    case 'submitDnsProvider':
      return advance(s, { dnsProvider: a.dnsProvider });
    case 'submitMailboxes':
      return advance(s, { mailboxes: a.mailboxes });
    case 'back': {
      if (s.step === 'done' || s.step === 'aborted') return s;
      const kept = { ...s, ...(a.keep ?? {}) };
      const prev = s.history[s.history.length - 1];
      if (prev === undefined) return { ...kept, step: 'aborted' };
      return { ...kept, step: prev, history: s.history.slice(0, -1), returnToReview: prev === 'review' ? false : s.returnToReview };
    }
    case 'jump':
      if (s.step !== 'review' || !applies(a.step, s)) return s;
      return { ...s, step: a.step, history: [...s.history, 'review'], returnToReview: true };
    case 'confirm':
      return s.step === 'review' ? { ...s, step: 'done' } : s;
    case 'abort':
      return s.step === 'done' ? s : { ...s, step: 'aborted' };
  }
}
