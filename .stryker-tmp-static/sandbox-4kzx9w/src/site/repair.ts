// @ts-nocheck
// Repair / re-provision from the menu: the idempotent install with the answers from the site
// state plus the secrets typed again. Builds the site files exactly as `install` does (stable
// salts from the site key, the package's nix/ folder), then runs the same task list.
import type { Io } from '../cli/main.js';
import type { Host } from '../host/types.js';
import { derivePlan } from '../plan/derive.js';
import { collectSecrets } from '../plan/secrets.js';
import type { Decision } from '../plan/types.js';
import { siteFilesFor } from '../tasks/siteFiles.js';
import type { Answers } from '../schema/answers.js';
import { provision } from '../tasks/provision.js';
import { secretFileReader } from '../commands/install.js';

export interface RepairOptions {
  host: Host;
  hostDescription: string;
  verbose: boolean;
  logPath?: string;
  decision?: Decision;
  io: Io;
}

export async function repairSite(answers: Answers, o: RepairOptions): Promise<number> {
  const reader = secretFileReader();
  const plan = derivePlan(answers, o.decision ? { decision: o.decision } : {});
  const siteFiles = (host: Host) => siteFilesFor(plan, host, { dryRun: false, readSecretFile: reader.read });
  return provision({ plan, siteFiles, host: o.host, hostDescription: o.hostDescription, dryRun: false, verbose: o.verbose, ...(o.logPath ? { logPath: o.logPath } : {}), secrets: () => collectSecrets(answers, reader.values), io: o.io, command: 'repair' });
}
