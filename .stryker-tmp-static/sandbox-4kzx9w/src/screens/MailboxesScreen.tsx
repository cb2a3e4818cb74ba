// @ts-nocheck
// First mailboxes: at least one. User, password (masked) and confirmation; then "add another?".
import React, { useState } from 'react';
import { Text, useInput } from 'ink';
import { Screen } from './Screen.js';
import { FieldForm } from './FieldForm.js';
import { isCtrlC } from './keys.js';
import type { MailboxDraft } from '../interview/state.js';
import { mailboxProblems } from '../interview/validate.js';

export interface MailboxesScreenProps {
  value: MailboxDraft[];
  domain: string;
  onSubmit: (mailboxes: MailboxDraft[]) => void;
  onBack: (typed: MailboxDraft[]) => void;
}

const FIELDS = [
  { key: 'user', label: 'Mailbox', hint: 'the part before @, e.g. info or max.muster' },
  { key: 'password', label: 'Password', secret: true, hint: 'at least 10 characters; typed masked' },
  { key: 'confirm', label: 'Repeat password', secret: true },
];

export function MailboxesScreen({ value, domain, onSubmit, onBack }: MailboxesScreenProps): React.JSX.Element {
  const [list, setList] = useState<MailboxDraft[]>(value);
  const [phase, setPhase] = useState<'form' | 'more'>(value.length === 0 ? 'form' : 'more');
  useInput(
    (input, key) => {
      if (isCtrlC(input, key)) return;
      if (key.escape) return onBack(list);
      if (input === 'y' || input === 'a') setPhase('form');
      else if (input === 'x' && list.length > 0) {
        const rest = list.slice(0, -1);
        setList(rest);
        if (rest.length === 0) setPhase('form');
      } else if (input === 'n' || key.return) onSubmit(list);
    },
    { isActive: phase === 'more' },
  );
  const shown = list.slice(-6);
  return (
    <Screen
      title="Mailboxes"
      keys={phase === 'more' ? 'y add another · n / Enter done · x remove last · Esc back' : 'Enter next field · ↑/↓ move · Esc back · Ctrl-C abort'}
    >
      <Text>{list.length === 0 ? `The first mailbox at ${domain || 'the domain'} (more can follow).` : `Mailboxes (${list.length}):`}</Text>
      {list.length > shown.length ? <Text dimColor>{`  … ${list.length - shown.length} more`}</Text> : null}
      {shown.map((m) => (
        <Text key={m.user}>{`  ${m.user}@${domain}   password set`}</Text>
      ))}
      <Text> </Text>
      {phase === 'form' ? (
        <FieldForm
          key={list.length}
          fields={FIELDS}
          values={{}}
          validate={(v) => mailboxProblems(list, { user: v.user ?? '', password: v.password ?? '', confirm: v.confirm ?? '' })}
          onSubmit={(v) => {
            setList([...list, { user: (v.user ?? '').trim().toLowerCase(), password: v.password ?? '' }]);
            setPhase('more');
          }}
          onBack={() => (list.length > 0 ? setPhase('more') : onBack(list))}
        />
      ) : (
        <Text>Add another mailbox? [y/N]</Text>
      )}
    </Screen>
  );
}
