// @ts-nocheck
// The recommendation from the fresh checks next to what the site does now; the technician
// picks a relay provider or direct delivery.
import React from 'react';
import { Text } from 'ink';
import { Screen } from './Screen.js';
import { SelectList } from './SelectList.js';
import type { Mode, Recommendation } from '../plan/types.js';

export interface RelayChangeModeScreenProps {
  current: string;
  recommendation: Recommendation;
  onSubmit: (mode: Mode) => void;
  onBack: () => void;
}

export function RelayChangeModeScreen({ current, recommendation: rec, onSubmit, onBack }: RelayChangeModeScreenProps): React.JSX.Element {
  return (
    <Screen title="Outbound relay" keys="↑/↓ choose · Enter select · Esc back · Ctrl-C abort">
      <Text>{`Now: ${current}`}</Text>
      <Text bold>{`Recommended: ${rec.mode === 'smarthost' ? 'a relay provider (smarthost)' : 'direct delivery (standalone)'}`}</Text>
      {rec.reasons.slice(0, 3).map((r, i) => (
        <Text key={i} wrap="truncate-end">{`  • ${r}`}</Text>
      ))}
      <Text> </Text>
      <SelectList
        items={[
          { key: 'smarthost', label: 'Use a relay provider (smarthost)', hint: 'choose a preset or type a custom relay next' },
          { key: 'standalone', label: 'No relay: deliver directly (standalone)', hint: 'removes the relay and its password from the mail VM' },
        ]}
        initialKey={rec.mode}
        onSelect={(k) => onSubmit(k as Mode)}
        onBack={onBack}
      />
    </Screen>
  );
}
