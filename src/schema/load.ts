// Read an answers file (JSON or YAML), validate it, and turn every problem into one line that
// names the field. Nothing here prints or exits: callers get an InputError.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { answersSchema, type Answers } from './answers.js';
import { InputError, type FieldProblem } from '../cli/errors.js';

export function pathToString(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.') || '(top level)';
}

/** zod issues → field problems, with unknown keys reported per key. */
export function zodProblems(error: z.ZodError): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: pathToString([...issue.path, key]), message: 'is not a known field (check the spelling; see schema/answers.schema.json)' });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type') {
      message = issue.received === 'undefined' ? 'is required' : `must be a ${issue.expected}, not a ${issue.received}`;
    }
    out.push({ path: pathToString(issue.path), message });
  }
  // One message per problem: drop exact repeats (unions can report the same thing twice).
  const seen = new Set<string>();
  return out.filter((p) => (seen.has(p.path + p.message) ? false : (seen.add(p.path + p.message), true)));
}

/** JSON or YAML text → data. The YAML parser loads only when a file is YAML (start-up cost). */
export async function parseAnswersText(text: string, source: string): Promise<unknown> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(text);
    } catch (e) {
      const msg = (e as Error).message;
      // V8 says "at position N" (Node 18) and adds "(line L column C)" (Node 20+).
      const given = /\(line (\d+)/.exec(msg);
      const pos = /position (\d+)/.exec(msg);
      const line = given ? Number(given[1]) : pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
      throw new InputError(source, [{ path: line ? `line ${line}` : '(file)', message: `is not valid JSON: ${msg.replace(/^JSON\.parse: /, '')}` }]);
    }
  }
  // yaml is CommonJS: in the bundle a dynamic import hands its exports over as `default`.
  const imported = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  const { LineCounter, parseDocument, isMap } = imported.default ?? imported;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    throw new InputError(
      source,
      doc.errors.map((err) => ({
        path: `line ${lineCounter.linePos(err.pos[0]).line}`,
        message: `YAML syntax error: ${err.message.split('\n')[0]}`,
      })),
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new InputError(source, [{ path: '(top level)', message: 'must be a mapping of fields (domain:, hostSerial:, ...)' }]);
  }
  return doc.toJS();
}

export function validateAnswers(data: unknown, source: string): Answers {
  const result = answersSchema.safeParse(data ?? {});
  if (!result.success) throw new InputError(source, zodProblems(result.error));
  return result.data;
}

/** The data of an answers file (JSON or YAML), not yet validated. */
export async function readAnswersData(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(file, [{ path: '--answers', message: code === 'ENOENT' ? `file ${file} does not exist` : `cannot read ${file} (${code ?? 'error'})` }]);
  }
  return parseAnswersText(text, file);
}

export async function loadAnswersFile(file: string): Promise<Answers> {
  return validateAnswers(await readAnswersData(file), file);
}
