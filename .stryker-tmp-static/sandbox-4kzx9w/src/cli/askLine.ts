// @ts-nocheck
// One line of input from the terminal outside Ink (a y/N confirmation, "press Enter"). Ctrl-C
// and the end of input both become InterruptedError (exit 130), on Node 18 as on Node 20.
import { createInterface } from 'node:readline';
import { InterruptedError } from './errors.js';

export function askLine(stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream, question: string): Promise<string> {
  // Ink leaves stdin paused and unreferenced when it unmounts: take it back, or the process
  // would simply end while waiting here.
  stdin.ref?.();
  stdin.resume();
  const rl = createInterface({ input: stdin, output: stderr });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (!answered) reject(new InterruptedError('cancelled at the prompt; nothing was changed'));
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  }).finally(() => stdin.pause());
}
