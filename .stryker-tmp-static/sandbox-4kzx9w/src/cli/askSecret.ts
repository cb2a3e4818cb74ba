// @ts-nocheck
// A secret typed on the terminal outside Ink (an SSH key's passphrase): nothing is echoed, the
// terminal is in raw mode while typing. Enter ends it, Backspace and Ctrl-U edit, Ctrl-C or
// Ctrl-D on an empty line cancel (InterruptedError, exit 130). A paste ending in Enter submits.
import { InterruptedError } from './errors.js';

export function askSecret(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, question: string): Promise<string> {
  if (!stdin.isTTY) return Promise.reject(new InterruptedError('no terminal to ask for a secret'));
  stderr.write(question);
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  stdin.ref?.();
  stdin.resume();
  return new Promise<string>((resolve, reject) => {
    let value = '';
    let escape = false;
    const finish = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString('utf8')) {
        if (escape) {
          // Skip an escape sequence (arrow keys and the like) up to its final byte.
          if (/[A-Za-z~]/.test(ch)) escape = false;
          continue;
        }
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new InterruptedError('cancelled at the passphrase prompt; nothing was changed'));
        if (ch === '\u0004') {
          if (value === '') return finish(new InterruptedError('cancelled at the passphrase prompt; nothing was changed'));
          continue;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch === '\u001b') escape = true;
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
