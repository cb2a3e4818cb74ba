// @ts-nocheck
// Pasting into an interview field: Ink hands a paste over as one chunk ("value\r"), not as keys.
// It must behave exactly like typing the same characters: the text lands in the field and each
// line break is an Enter.
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { FieldForm } from '../../src/screens/FieldForm.js';
import { TextFieldScreen } from '../../src/screens/TextFieldScreen.js';
import { domainProblem } from '../../src/interview/validate.js';
import { flush, renderInk, type Terminal } from '../helpers/ink.js';
import type { Instance } from 'ink';

let open: (Terminal & { instance: Instance }) | undefined;
afterEach(() => {
  open?.instance.unmount();
  open = undefined;
});

function domainScreen() {
  const submitted: string[] = [];
  const term = renderInk(
    <TextFieldScreen title="Domain" intro={['The customer mail domain.']} label="Mail domain" value="" problem={domainProblem} onSubmit={(v) => submitted.push(v)} onBack={() => undefined} />,
  );
  open = term;
  return { term, submitted };
}

/** Let Ink handle the chunk and draw (its renders are throttled). */
async function settle(): Promise<void> {
  await flush();
  await new Promise((r) => setTimeout(r, 150));
  await flush();
}

describe('pasting into a field behaves like typing', () => {
  for (const [name, chunk] of [
    ['value⏎ as CR (what terminals send for Enter)', 'example.com\r'],
    ['value⏎ as LF (a copied line)', 'example.com\n'],
    ['value⏎ as CRLF (copied from a Windows editor)', 'example.com\r\n'],
  ] as const) {
    it(`${name}: the value is submitted, without the line break`, async () => {
      const { term, submitted } = domainScreen();
      await term.waitFor('Mail domain');
      term.stdin.write(chunk);
      await settle();
      expect(submitted).toEqual(['example.com']);
    });
  }

  it('typing the same keys one by one gives the same result (the reference)', async () => {
    const { term, submitted } = domainScreen();
    await term.waitFor('Mail domain');
    for (const c of 'example.com') await term.press(c);
    term.stdin.write('\r');
    await settle();
    expect(submitted).toEqual(['example.com']);
  });

  it('a pasted invalid value stays in the field with the schema message, like a typed one', async () => {
    const { term, submitted } = domainScreen();
    await term.waitFor('Mail domain');
    term.stdin.write('corp.lan\r');
    await settle();
    expect(submitted).toEqual([]);
    const frame = term.lastFrame();
    expect(frame).toContain('corp.lan');
    expect(frame).toMatch(/not a top-level domain/);
  });

  it('text pasted without a line break stays in the field and is not submitted', async () => {
    const { term, submitted } = domainScreen();
    await term.waitFor('Mail domain');
    term.stdin.write('example.com');
    await settle();
    expect(submitted).toEqual([]);
    expect(term.lastFrame()).toContain('example.com');
  });

  it('several pasted lines fill the fields in turn, as typing them with Enter would', async () => {
    const submitted: Record<string, string>[] = [];
    const term = renderInk(
      <FieldForm
        fields={[
          { key: 'user', label: 'User' },
          { key: 'password', label: 'Password', secret: true },
        ]}
        values={{}}
        validate={() => ({})}
        onSubmit={(v) => submitted.push(v)}
        onBack={() => undefined}
      />,
    );
    open = term;
    await term.waitFor('User');
    term.stdin.write('apikey\rsecret-Value-1\r');
    await settle();
    expect(submitted).toEqual([{ user: 'apikey', password: 'secret-Value-1' }]);
    // The masked field never shows the pasted secret.
    expect(term.frames().join('\n')).not.toContain('secret-Value-1');
  });
});
