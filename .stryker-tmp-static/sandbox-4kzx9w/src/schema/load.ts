// @ts-nocheck
// Read an answers file (JSON or YAML), validate it, and turn every problem into one line that
// names the field. Nothing here prints or exits: callers get an InputError.
import { open, type FileHandle } from 'node:fs/promises';
import type { z } from 'zod';
import { answersSchema, type Answers } from './answers.js';
import { InputError, type FieldProblem } from '../cli/errors.js';
import { LIMITS, printableKey, structureProblems } from './limits.js';
import { readPasswordFiles, type PasswordFileField } from './secretFile.js';

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

/** Offset → 1-based line number. */
function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * The first key repeated within one JSON object, with its line, or undefined. JSON.parse keeps
 * the last of two equal keys silently; YAML (uniqueKeys) refuses them, and so does this.
 * Runs on text JSON.parse accepted, iteratively (no recursion on the input's depth).
 */
export function duplicateJsonKey(text: string): { key: string; line: number } | undefined {
  const stack: ({ keys: Set<string>; expectKey: boolean } | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = true;
    } else if (c === ':') {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = false;
    } else if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = stack[stack.length - 1];
      if (top?.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(key)) return { key, line: lineAt(text, start) };
        top.keys.add(key);
      }
    }
  }
  return undefined;
}

/** Flow collections ([…], {…}) nested deeper than this are refused before the YAML parser
 * (which recurses on them) sees the text. Answers are a few levels deep. */
const YAML_MAX_FLOW_DEPTH = 64;

/** The line where flow nesting first goes deeper than the limit, or undefined. Quoted text and
 * comments are skipped; block scalars are not recognised, which can only over-count. */
export function deepFlowLine(text: string, max = YAML_MAX_FLOW_DEPTH): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) {
        if (text[i] === '\n') line++;
        if (c === '"' && text[i] === '\\') i++;
      }
    } else if (c === '[' || c === '{') {
      if (++depth > max) return line;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** Aliases may repeat a value; this many expansions in all is far above any real answers file. */
const YAML_MAX_ALIASES = 100;

/** JSON or YAML text → data. The YAML parser loads only when a file is YAML (start-up cost). */
export async function parseAnswersText(raw: string, source: string): Promise<unknown> {
  // A UTF-8 byte order mark is accepted in both formats (editors on Windows write one).
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      const msg = (e as Error).message;
      // V8 says "at position N" (Node 18) and adds "(line L column C)" (Node 20+).
      const given = /\(line (\d+)/.exec(msg);
      const pos = /position (\d+)/.exec(msg);
      const line = given ? Number(given[1]) : pos ? lineAt(text, Number(pos[1])) : undefined;
      throw new InputError(source, [{ path: line ? `line ${line}` : '(file)', message: `is not valid JSON: ${msg.replace(/^JSON\.parse: /, '').slice(0, 200)}` }]);
    }
    const dup = duplicateJsonKey(text);
    if (dup) throw new InputError(source, [{ path: `line ${dup.line}`, message: `repeats the key "${printableKey(dup.key)}" in one mapping; give each field once` }]);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new InputError(source, [{ path: '(top level)', message: 'must be a mapping of fields (domain:, hostSerial:, ...)' }]);
    }
    return data;
  }
  // yaml is CommonJS: in the bundle a dynamic import hands its exports over as `default`.
  const imported = (await import('yaml')) as typeof import('yaml') & { default?: typeof import('yaml') };
  const { LineCounter, parseDocument, isMap, visit } = imported.default ?? imported;
  const lineCounter = new LineCounter();
  const deep = deepFlowLine(text);
  if (deep !== undefined) throw new InputError(source, [{ path: `line ${deep}`, message: `nests [ ] or { } more than ${YAML_MAX_FLOW_DEPTH} levels deep; answers are a few levels deep` }]);
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, lineCounter, schema: 'core', merge: false });
  } catch (e) {
    // A pathologically nested document can exhaust the parser's stack.
    throw new InputError(source, [{ path: '(file)', message: `cannot be parsed as YAML (${(e as Error).message.slice(0, 120)}); answers are a flat mapping a few levels deep` }]);
  }
  if (doc.errors.length > 0) {
    throw new InputError(
      source,
      doc.errors.slice(0, 10).map((err) => ({
        path: `line ${lineCounter.linePos(err.pos[0]).line}`,
        message: `YAML syntax error: ${err.message.split('\n')[0]!.slice(0, 200)}`,
      })),
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new InputError(source, [{ path: '(top level)', message: 'must be a mapping of fields (domain:, hostSerial:, ...)' }]);
  }
  try {
    return doc.toJS({ maxAliasCount: YAML_MAX_ALIASES });
  } catch (e) {
    let first: number | undefined;
    visit(doc, {
      Alias(_key, node) {
        first = node.range?.[0];
        return visit.BREAK;
      },
    });
    const line = first === undefined ? '(file)' : `line ${lineCounter.linePos(first).line}`;
    const why = /Excessive alias/.test((e as Error).message)
      ? `its aliases (*name) expand to more than ${YAML_MAX_ALIASES} copies (an alias bomb?); write the values out`
      : `cannot be read: ${(e as Error).message.slice(0, 200)}`;
    throw new InputError(source, [{ path: line, message: why }]);
  }
}

export function validateAnswers(data: unknown, source: string): Answers {
  // Bounds first: nothing out of bounds reaches the schema (or an error message).
  const bounds = structureProblems(data ?? {});
  if (bounds.length) throw new InputError(source, bounds);
  const result = answersSchema.safeParse(data ?? {});
  if (!result.success) throw new InputError(source, zodProblems(result.error));
  return result.data;
}

/** Read a file of at most `max` bytes without ever holding more than max+1 in memory. */
async function readBounded(file: string, max: number): Promise<Buffer> {
  const fail = (message: string) => new InputError(file, [{ path: '--answers', message }]);
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? `file ${file} does not exist` : code === 'EACCES' ? `${file} is not readable (permission denied)` : `cannot read ${file} (${code ?? 'error'})`);
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw fail(`${file} is a directory, not an answers file`);
    // Regular files are checked by size before reading; pipes (--answers <(…)) and devices by
    // reading at most one byte past the limit.
    if (st.isFile() && st.size > max) throw fail(`${file} is ${st.size} bytes; an answers file is at most ${max} bytes`);
    const buf = Buffer.alloc(max + 1);
    let len = 0;
    for (;;) {
      let n: number;
      try {
        ({ bytesRead: n } = await fh.read(buf, len, buf.length - len, null));
      } catch (e) {
        throw fail(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (n === 0) break;
      len += n;
      if (len > max) throw fail(`${file} holds more than ${max} bytes; an answers file is at most ${max} bytes`);
    }
    return buf.subarray(0, len);
  } finally {
    await fh.close();
  }
}

/** The data of an answers file (JSON or YAML), not yet validated. */
export async function readAnswersData(file: string): Promise<unknown> {
  const bytes = await readBounded(file, LIMITS.fileBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(file, [{ path: '(file)', message: 'is not UTF-8 text (save it as UTF-8)' }]);
  }
  const data = await parseAnswersText(text, file);
  const bounds = structureProblems(data);
  if (bounds.length) throw new InputError(file, bounds);
  return data;
}

/** Every passwordFile the answers name, with the field and the rules of a password there. */
export function passwordFileFields(a: Answers): PasswordFileField[] {
  const out: PasswordFileField[] = [];
  if (a.relay?.passwordFile) out.push({ path: 'relay.passwordFile', file: a.relay.passwordFile, min: 3 });
  a.mailboxes.forEach((m, i) => {
    if (m.passwordFile) out.push({ path: `mailboxes.${i}.passwordFile`, file: m.passwordFile, min: 10 });
  });
  return out;
}

export interface LoadedAnswers {
  answers: Answers;
  /** passwordFile path → its password, read and checked with the answers. */
  secretFiles: ReadonlyMap<string, string>;
}

/** Load, validate and read the password files of an answers file: all input problems at once. */
export async function loadAnswersWithSecrets(file: string): Promise<LoadedAnswers> {
  const answers = validateAnswers(await readAnswersData(file), file);
  return { answers, secretFiles: readPasswordFiles(passwordFileFields(answers), file) };
}

export async function loadAnswersFile(file: string): Promise<Answers> {
  return (await loadAnswersWithSecrets(file)).answers;
}
