// @ts-nocheck
// Repair asks again, masked, for each secret the state does not keep (it holds placeholders).
import React from 'react';
import { Text } from 'ink';
import { Screen } from './Screen.js';
import { FieldForm } from './FieldForm.js';
import { fillSecrets, repairSecretFields } from '../site/repairSecrets.js';
import type { Answers } from '../schema/answers.js';

export interface MenuRepairScreenProps {
  answers: Answers;
  onSubmit: (answers: Answers) => void;
  onBack: () => void;
}

export function MenuRepairScreen({ answers, onSubmit, onBack }: MenuRepairScreenProps): React.JSX.Element {
  const fields = repairSecretFields(answers).map((f) => ({ key: f.key, label: f.label, hint: f.hint, secret: true }));
  const check = (v: Record<string, string>) => fillSecrets(answers, v);
  return (
    <Screen title="Repair / re-provision" keys="Enter next field · ↑/↓ move · Esc back">
      <Text wrap="wrap">The install runs again with the answers from the state; every step skips what is already right.</Text>
      <Text wrap="wrap">The state keeps no secret, so type them again (masked). Non-interactive: netsetup-wizard install --answers FILE</Text>
      <Text> </Text>
      {fields.length ? (
        <FieldForm
          fields={fields}
          values={{}}
          labelWidth={28}
          validate={(v) => Object.fromEntries(check(v).problems.filter((p) => fields.some((f) => f.key === p.path)).map((p) => [p.path, p.message]))}
          onSubmit={(v) => {
            const r = check(v);
            if (r.answers) onSubmit(r.answers);
          }}
          onBack={onBack}
        />
      ) : (
        <FieldForm fields={[{ key: 'confirm', label: 'Press Enter to start' }]} values={{}} validate={() => ({})} onSubmit={() => onSubmit(answers)} onBack={onBack} />
      )}
    </Screen>
  );
}
