// @ts-nocheck
// The interview needs a terminal. Without one, say which flags replace it.
import { UsageError } from '../cli/errors.js';

interface MaybeTty {
  isTTY?: boolean;
}

export function assertInteractive(stdin: MaybeTty, stdout: MaybeTty, env: NodeJS.ProcessEnv = process.env): void {
  const why = !stdin.isTTY ? 'standard input is not a terminal' : !stdout.isTTY ? 'the output is not a terminal' : env.CI ? 'the CI variable is set' : undefined;
  if (!why) return;
  throw new UsageError(
    `the interview needs an interactive terminal (${why})`,
    'pass the answers non-interactively instead: --answers FILE (see examples/*.yaml), and --yes to accept the recommendation without asking',
  );
}
