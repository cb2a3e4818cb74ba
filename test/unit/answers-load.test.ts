// The schema modules build their zod schemas and tables when they load. Loading them inside a
// test (not at the top of the file) turns a load-time crash into a failing test with its cause,
// instead of a file that vitest cannot collect.
import { expect, it } from 'vitest';

it('the answers schema and its address helpers load, and the schema refuses an empty file naming each required field', async () => {
  const { answersSchema } = await import('../../src/schema/answers.js');
  const { isIPv4 } = await import('../../src/schema/net.js');
  expect(isIPv4('192.0.2.1')).toBe(true);
  const r = answersSchema.safeParse({});
  expect(r.success).toBe(false);
  const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  expect(paths).toEqual(expect.arrayContaining(['domain', 'hostSerial', 'mode', 'network', 'mailboxes']));
});
