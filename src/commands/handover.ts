import type { ParsedArgs } from '../cli/args.js';
import type { Io } from '../cli/main.js';
import { WorkError } from '../cli/errors.js';

export async function runHandover(_args: ParsedArgs, _io: Io): Promise<number> {
  throw new WorkError('the handover command is not built yet');
}
