// @ts-nocheck
// A screen asking for one value (domain, host serial): explanation lines, the field, and the
// schema's message inline when the value is not accepted.
import React from 'react';
import { Text } from 'ink';
import { Screen } from './Screen.js';
import { FieldForm } from './FieldForm.js';
import { oneField } from '../interview/validate.js';

export interface TextFieldScreenProps {
  title: string;
  intro: readonly string[];
  label: string;
  hint?: string;
  value: string;
  problem: (value: string) => string | undefined;
  onSubmit: (value: string) => void;
  onBack: (value: string) => void;
}

export function TextFieldScreen({ title, intro, label, hint, value, problem, onSubmit, onBack }: TextFieldScreenProps): React.JSX.Element {
  const validate = (v: Record<string, string>) => oneField('value', problem(v.value ?? ''));
  return (
    <Screen title={title}>
      {intro.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
      <Text> </Text>
      <FieldForm
        fields={[{ key: 'value', label, ...(hint ? { hint } : {}) }]}
        values={{ value }}
        validate={validate}
        onSubmit={(v) => onSubmit((v.value ?? '').trim())}
        onBack={(v) => onBack(v.value ?? '')}
      />
    </Screen>
  );
}
