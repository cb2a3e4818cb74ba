// @ts-nocheck
// The three questions the checks cannot answer. y/n answers the highlighted question and moves
// on, Enter keeps the shown answer, ↑ goes to the previous question, Esc goes back.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import { Screen } from './Screen.js';
import { isCtrlC } from './keys.js';
import type { Questions } from '../interview/state.js';

export interface QuestionsScreenProps {
  value: Questions;
  onSubmit: (questions: Questions) => void;
  onBack: (typed: Questions) => void;
}

const ASK: ReadonlyArray<{ key: keyof Questions; text: string; hint: string }> = [
  { key: 'highVolume', text: 'High volume or strict deliverability needed?', hint: 'more than a few hundred mails a day, or mail is business-critical' },
  { key: 'thirdPartyAllowed', text: 'Customer accepts a third-party relay?', hint: 'a provider such as SendGrid or Microsoft 365 would carry outgoing mail' },
  { key: 'staticIp', text: 'Static public IPv4 with a settable PTR?', hint: 'the ISP gives a fixed address and sets its reverse DNS on request' },
];

export function QuestionsScreen({ value, onSubmit, onBack }: QuestionsScreenProps): React.JSX.Element {
  const [answers, setAnswers] = useState<Questions>(value);
  const [focus, setFocus] = useState(0);
  const ref = useRef({ answers: value, focus: 0 });
  const update = (a: Questions, f: number) => {
    ref.current = { answers: a, focus: f };
    setAnswers(a);
    setFocus(f);
  };
  useInput((input, key) => {
    if (isCtrlC(input, key)) return;
    const { answers: a, focus: f } = ref.current;
    if (key.escape) return onBack(a);
    if (key.upArrow) return update(a, Math.max(0, f - 1));
    if (key.downArrow) return update(a, Math.min(ASK.length - 1, f + 1));
    const q = ASK[f];
    if (!q) return;
    let next = a;
    if (input === 'y' || input === 'Y') next = { ...a, [q.key]: true };
    else if (input === 'n' || input === 'N') next = { ...a, [q.key]: false };
    else if (!key.return) return;
    if (f === ASK.length - 1) {
      update(next, f);
      return onSubmit(next);
    }
    update(next, f + 1);
  });
  return (
    <Screen title="Delivery questions" keys="y / n answer · Enter keep · ↑ previous · Esc back · Ctrl-C abort">
      <Text>Three questions decide, with the checks, how outgoing mail leaves the site.</Text>
      <Text> </Text>
      {ASK.map((q, i) => (
        <Box key={q.key} flexDirection="column">
          <Text color={i === focus ? 'cyan' : undefined}>
            {`${i === focus ? '›' : ' '} ${q.text.padEnd(46)}${answers[q.key] ? '[Y/n] yes' : '[y/N] no'}`}
          </Text>
          {i === focus ? <Text dimColor>{`    ${q.hint}`}</Text> : null}
        </Box>
      ))}
    </Screen>
  );
}
