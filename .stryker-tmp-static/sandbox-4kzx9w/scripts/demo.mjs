// @ts-nocheck
// npm run demo: provision a fresh simulated Proxmox VE host from an example answers file with
// live progress, then show the records, in well under a minute. Nothing real is touched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = mkdtempSync(join(tmpdir(), 'netsetup-demo-'));
// a fresh PVE 9.1 host as the installer leaves it; the NixOS images are seeded until the wizard
// obtains them itself
writeFileSync(join(site, 'seed.json'), JSON.stringify({ pveVersion: '9.1', images: true }));
const answers = join(root, process.argv[2] ?? 'examples/smarthost.yaml');
process.stderr.write(`Demo: a simulated Proxmox VE host in ${site}\nAnswers: ${answers}\n\n`);
const r = spawnSync(process.execPath, [join(root, 'bin/netsetup-wizard.js'), 'install', '--answers', answers, '--yes', '--host', `sim:${site}`, '--log', join(site, 'install.log')], {
  stdio: 'inherit',
  env: { NETSETUP_SIM_SPEED: '60', ...process.env },
});
process.stderr.write(`\nThe simulated host stays in ${site}: run the same command again to see every step skip,\nor look at ${join(site, 'journal.jsonl')} for each command the wizard sent.\n`);
process.exitCode = r.status ?? 1;
