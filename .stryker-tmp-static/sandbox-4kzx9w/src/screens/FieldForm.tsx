// @ts-nocheck
// A form of text fields, all visible, one focused. Enter checks the focused field with the
// schema-backed `validate` and moves on; on the last field the whole form must be clean.
// ↑/↓/Tab move between fields, Esc goes back with what was typed. Secret fields are masked.
import React, { useRef, useState } from 'react';
import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { FieldError } from './Screen.js';
import { isCtrlC } from './keys.js';
import type { FieldErrors } from '../interview/validate.js';

export interface FieldSpec {
  key: string;
  label: string;
  secret?: boolean;
  /** Shown under the focused field. */
  hint?: string;
}

export interface FieldFormProps {
  fields: readonly FieldSpec[];
  values: Readonly<Record<string, string>>;
  validate: (values: Record<string, string>) => FieldErrors;
  onSubmit: (values: Record<string, string>) => void;
  onBack: (values: Record<string, string>) => void;
  labelWidth?: number;
}

export function FieldForm({ fields, values: initial, validate, onSubmit, onBack, labelWidth }: FieldFormProps): React.JSX.Element {
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...Object.fromEntries(fields.map((f) => [f.key, ''])), ...initial }));
  const [focus, setFocus] = useState(0);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Refs so back-to-back key events see the latest values.
  const valuesRef = useRef(values);
  const focusRef = useRef(focus);
  const width = labelWidth ?? Math.min(28, Math.max(...fields.map((f) => f.label.length)) + 2);

  const moveTo = (i: number) => {
    focusRef.current = Math.max(0, Math.min(fields.length - 1, i));
    setFocus(focusRef.current);
  };

  /** Enter on the focused field. True when the form was submitted (the screen is done). */
  const pressEnter = (): boolean => {
    const i = focusRef.current;
    const field = fields[i];
    if (!field) return false;
    const problems = validate(valuesRef.current);
    const own = problems[field.key];
    if (own) {
      setErrors((e) => ({ ...e, [field.key]: own }));
      return false;
    }
    if (i < fields.length - 1) {
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== field.key)));
      moveTo(i + 1);
      return false;
    }
    const firstBad = fields.findIndex((f) => problems[f.key]);
    if (firstBad >= 0) {
      setErrors(Object.fromEntries(fields.filter((f) => problems[f.key]).map((f) => [f.key, problems[f.key]!])));
      moveTo(firstBad);
      return false;
    }
    onSubmit(valuesRef.current);
    return true;
  };

  /** Text typed at the end of the focused field (control characters dropped, as keys would be). */
  const typeText = (text: string) => {
    const field = fields[focusRef.current];
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
    if (!field || clean === '') return;
    valuesRef.current = { ...valuesRef.current, [field.key]: (valuesRef.current[field.key] ?? '') + clean };
    setValues(valuesRef.current);
  };

  useInput((input, key) => {
    if (isCtrlC(input, key)) return;
    const i = focusRef.current;
    const field = fields[i];
    if (!field) return;
    if (key.escape) return onBack(valuesRef.current);
    if (key.upArrow || (key.shift && key.tab)) return moveTo(i - 1);
    if (key.downArrow || key.tab) return moveTo(i + 1);
    if (key.return) return void pressEnter();
    // A paste arrives as one chunk ("value\r"), not as keys, and the text input would keep the
    // line break as text. Replay it as typing: each line's text, then Enter, in turn.
    if (/[\r\n]/.test(input)) {
      const lines = input.split(/\r\n|\r|\n/);
      for (let n = 0; n < lines.length; n++) {
        typeText(lines[n]!);
        if (n < lines.length - 1 && pressEnter()) return;
      }
    }
  });

  return (
    <Box flexDirection="column">
      {fields.map((f, i) => {
        const focused = i === focus;
        const value = values[f.key] ?? '';
        return (
          <Box key={f.key} flexDirection="column">
            <Box>
              <Box width={width + 2} flexShrink={0}>
                <Text color={focused ? 'cyan' : undefined}>{`${focused ? '›' : ' '} ${f.label}`}</Text>
              </Box>
              {focused ? (
                <TextInput
                  value={value}
                  {...(f.secret ? { mask: '*' } : {})}
                  onChange={(v) => {
                    // A chunk with a line break is a paste, replayed as typing above.
                    if (/[\r\n]/.test(v)) return;
                    valuesRef.current = { ...valuesRef.current, [f.key]: v };
                    setValues(valuesRef.current);
                  }}
                />
              ) : (
                <Text>{f.secret ? '*'.repeat(value.length) : value}</Text>
              )}
            </Box>
            {focused && f.hint && !errors[f.key] ? <Text dimColor>{`    ${f.hint}`}</Text> : null}
            <FieldError message={errors[f.key]} />
          </Box>
        );
      })}
    </Box>
  );
}
