// @ts-nocheck
// Smarthost relay: pick a preset, then only the fields that preset needs. The password is
// masked while typed and never shown again.
import React, { useState } from 'react';
import { Text } from 'ink';
import { Screen } from './Screen.js';
import { SelectList } from './SelectList.js';
import { FieldForm, type FieldSpec } from './FieldForm.js';
import { RELAY_PRESETS, relayPreset, type RelayPreset } from '../catalog/relayPresets.js';
import { emptyRelay, type RelayDraft } from '../interview/state.js';
import { relayProblems, type RelaySite } from '../interview/validate.js';

export interface RelayScreenProps {
  value: RelayDraft;
  onSubmit: (relay: RelayDraft) => void;
  onBack: (typed: RelayDraft) => void;
  /** The site itself: a relay host naming it (or one of its addresses) is refused here. */
  site?: RelaySite;
}

export function relayFields(p: RelayPreset): FieldSpec[] {
  const fields: FieldSpec[] = [];
  if (p.host === null) fields.push({ key: 'host', label: 'Relay host', hint: `e.g. ${p.hostHint ?? 'smtp.relay.example.net'}` });
  fields.push({ key: 'port', label: 'Port', hint: `${p.port} unless the provider says otherwise` });
  if (p.needsAuth && !p.fixedUser) fields.push({ key: 'user', label: 'User', hint: p.userConvention });
  if (p.needsAuth) fields.push({ key: 'password', label: 'Password', secret: true, hint: 'typed masked; stored root-only on the mail VM' });
  if (p.spf === null) fields.push({ key: 'spf', label: 'SPF mechanism', hint: 'from the provider docs, e.g. include:_spf.relay.example.net' });
  return fields;
}

export function RelayScreen({ value, onSubmit, onBack, site }: RelayScreenProps): React.JSX.Element {
  const [draft, setDraft] = useState<RelayDraft>(value);
  const [phase, setPhase] = useState<'preset' | 'fields'>('preset');
  const preset = relayPreset(draft.preset);

  if (phase === 'preset' || !preset) {
    return (
      <Screen title="Relay provider" keys="↑/↓ choose · Enter select · Esc back · Ctrl-C abort">
        <Text>Which relay (smarthost) carries outgoing mail?</Text>
        <Text> </Text>
        <SelectList
          items={RELAY_PRESETS.map((p) => ({ key: p.key, label: p.label, hint: p.host ? `${p.host}:${p.port}` : `host to type, e.g. ${p.hostHint ?? ''}` }))}
          {...(draft.preset ? { initialKey: draft.preset } : {})}
          visible={8}
          onSelect={(key) => {
            setDraft(key === draft.preset ? draft : emptyRelay(key));
            setPhase('fields');
          }}
          onBack={() => onBack(draft)}
        />
      </Screen>
    );
  }

  const fields = relayFields(preset);
  const keys = fields.map((f) => f.key);
  const merge = (v: Record<string, string>): RelayDraft => ({ ...draft, ...v });
  return (
    <Screen title={`Relay: ${preset.label}`} keys="Enter next field · ↑/↓ move · Esc choose another relay">
      {preset.host ? <Text>{`Host: ${preset.host}`}</Text> : null}
      {preset.fixedUser ? <Text>{`User: ${preset.fixedUser} (fixed for ${preset.label})`}</Text> : null}
      {!preset.needsAuth ? <Text wrap="truncate-end">{`No login: ${preset.userConvention}`}</Text> : null}
      <Text> </Text>
      <FieldForm
        key={draft.preset}
        fields={fields}
        values={Object.fromEntries(keys.map((k) => [k, draft[k as keyof RelayDraft] ?? '']))}
        validate={(v) => relayProblems(merge(v), keys, site)}
        onSubmit={(v) => onSubmit(merge(v))}
        onBack={(v) => {
          setDraft(merge(v));
          setPhase('preset');
        }}
      />
    </Screen>
  );
}
