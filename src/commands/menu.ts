import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { WorkError } from '../cli/errors.js';

export async function runMenu(_args: ParsedArgs, _io: Io): Promise<number> {
  throw new WorkError('the menu command is not built yet');
}
