// @ts-nocheck
// passwordFile: a secret kept outside the answers file. Read here, bounded and checked like a
// password written into the answers, together with the rest of the answers and before anything
// is written anywhere (the dry run included).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { InputError } from '../cli/errors.js';
import { forbiddenCharProblem } from './limits.js';
import { PASSWORD_MAX } from './answers.js';

/** A password file holds one line: the password and at most one line ending. */
export const SECRET_FILE_MAX_BYTES = PASSWORD_MAX * 4 + 2;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a password file cannot be used, or its value. Never reads more than the limit. */
export function readSecretFile(path: string, opts: { min: number; max?: number }): { value: string } | { problem: string } {
  const max = opts.max ?? PASSWORD_MAX;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOCTTY: a tty never becomes ours.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? `${path} does not exist` : code === 'EACCES' ? `${path} is not readable (permission denied)` : `cannot open ${path} (${code ?? 'error'})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { problem: `${path} is ${kindOf(st)}; a password file must be a regular file holding one line` };
    if (st.size > SECRET_FILE_MAX_BYTES) return { problem: `${path} holds ${st.size} bytes; a password file holds one line of at most ${max} characters` };
    // Read at most one byte more than allowed: a file that grows (or lies about its size, as
    // /proc files do) is still caught without reading it whole.
    const buf = Buffer.alloc(SECRET_FILE_MAX_BYTES + 1);
    let len = 0;
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, len, buf.length - len, null);
      } catch (e) {
        return { problem: `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
      }
      if (n === 0) break;
      len += n;
      if (len >= buf.length) return { problem: `${path} holds more than ${SECRET_FILE_MAX_BYTES} bytes; a password file holds one line of at most ${max} characters` };
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, len));
    } catch {
      return { problem: `${path} is not UTF-8 text` };
    }
    const value = text.replace(/\r?\n$/, '');
    if (/[\r\n]/.test(value)) return { problem: `${path} holds several lines; it must hold one line (the password)` };
    const bad = forbiddenCharProblem(value);
    if (bad) return { problem: `${path} ${bad}` };
    if (value.length < opts.min) return { problem: `${path} must hold a password of at least ${opts.min} characters${value.length === 0 ? ' (it is empty)' : ''}` };
    if (value.length > max) return { problem: `${path} holds ${value.length} characters; a password has at most ${max}` };
    return { value };
  } finally {
    closeSync(fd);
  }
}

export interface PasswordFileField {
  /** Field path, e.g. mailboxes.0.passwordFile. */
  path: string;
  file: string;
  min: number;
}

/**
 * Read every password file the fields name. Problems name their fields; all are reported at once.
 * Returns file → value.
 */
export function readPasswordFiles(fields: readonly PasswordFileField[], source: string): Map<string, string> {
  const values = new Map<string, string>();
  const problems = [];
  for (const f of fields) {
    const r = readSecretFile(f.file, { min: f.min });
    if ('problem' in r) problems.push({ path: f.path, message: r.problem });
    else values.set(f.file, r.value);
  }
  if (problems.length) throw new InputError(source, problems);
  return values;
}
