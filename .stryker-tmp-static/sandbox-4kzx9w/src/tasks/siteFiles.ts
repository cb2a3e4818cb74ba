// @ts-nocheck
// Every file the two VMs receive, built one way for install, repair and relay changes: the
// rendered site data and secrets (salts stable through the host's site key) plus the
// package's nix/ flake.
import type { Host } from '../host/types.js';
import { ensureSiteKey, saltFor } from '../plan/siteKey.js';
import type { Plan } from '../plan/types.js';
import { nixSourceFiles } from '../render/nixFiles.js';
import { ensurePushKey, pushKeyFiles } from '../plan/pushKey.js';
import { renderSiteConfig } from '../render/siteConfig.js';
import type { SiteFile } from './context.js';

export async function siteFilesFor(plan: Plan, host: Host, opts: { dryRun: boolean; readSecretFile: (path: string) => string }): Promise<SiteFile[]> {
  const siteKey = await ensureSiteKey(host);
  const pushKey = await ensurePushKey(host, opts.dryRun);
  return [
    ...pushKeyFiles(pushKey),
    ...renderSiteConfig(plan, { readSecretFile: opts.dryRun ? () => '(read at install time)' : opts.readSecretFile, saltFor: saltFor(siteKey) }).files,
    ...nixSourceFiles('mail'),
    ...nixSourceFiles('dns'),
  ];
}
