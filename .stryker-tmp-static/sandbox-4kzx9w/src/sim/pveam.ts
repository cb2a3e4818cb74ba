// @ts-nocheck
// pveam: update, available [--section], list <storage>, download <storage> <template>.
import { isOutcome, paramError, parseCmd, type CmdSpec } from './args.js';
import { storageContent } from './pvesh.js';
import { schemaRelease, writeHostFile } from './state.js';
import { fail, ok, type CmdCtx, type Outcome } from './types.js';

const SECTIONS = ['system', 'mail', 'turnkeylinux'];

export function pveam(args: string[], ctx: CmdCtx): Outcome {
  const [sub, ...rest] = args;
  const st = ctx.st;
  if (sub === 'update') {
    const p = parseCmd(rest, { usage: 'pveam update', positionals: [], options: {} });
    if (isOutcome(p)) return p;
    st.aplUpdated = true;
    return ok('update successful\n', { mutated: true, latency: ['pveam update'] });
  }
  if (sub === 'available') {
    const spec: CmdSpec = { usage: 'pveam available  [OPTIONS]', positionals: [], options: { section: 'string' } };
    const p = parseCmd(rest, spec);
    if (isOutcome(p)) return p;
    if (p.opts.section && !SECTIONS.includes(p.opts.section)) return paramError(spec, { section: `value '${p.opts.section}' does not have a value in the enumeration '${SECTIONS.join(', ')}'` });
    const rows = st.aplUpdated ? st.aplinfo.filter((a) => !p.opts.section || a.section === p.opts.section) : [];
    // pve-manager PVE/CLI/pveam.pm: "%-15s %s\n" on PVE 8; PVE 9 appends the architecture ("%-15s %-60s %s\n")
    const nine = schemaRelease(st) === '9';
    return ok(rows.map((a) => (nine ? `${a.section.padEnd(15)} ${a.template.padEnd(60)} ${a.architecture ?? 'unknown'}\n` : `${a.section.padEnd(15)} ${a.template}\n`)).join(''));
  }
  if (sub === 'list') {
    const spec: CmdSpec = { usage: 'pveam list <storage>', positionals: ['storage'], options: {} };
    const p = parseCmd(rest, spec);
    if (isOutcome(p)) return p;
    const s = st.storages.find((x) => x.storage === p.pos.storage);
    if (!s) return fail(255, `storage '${p.pos.storage}' does not exist`);
    if (!s.content.includes('vztmpl')) return fail(255, `storage '${s.storage}' does not support templates`);
    const rows = storageContent(ctx, s.storage, 'vztmpl');
    return ok(`${'NAME'.padEnd(60)} SIZE\n${rows.map((r) => `${String(r.volid).padEnd(60)} ${(Number(r.size) / 1048576).toFixed(2)}MB\n`).join('')}`);
  }
  if (sub === 'download') {
    const spec: CmdSpec = { usage: 'pveam download <storage> <template>', positionals: ['storage', 'template'], options: {} };
    const p = parseCmd(rest, spec);
    if (isOutcome(p)) return p;
    const { storage, template } = p.pos as { storage: string; template: string };
    const s = st.storages.find((x) => x.storage === storage);
    if (!s) return fail(255, `storage '${storage}' does not exist`);
    if (!s.content.includes('vztmpl')) return fail(255, `400 Parameter verification failed.\nstorage: storage '${storage}' does not support templates\n`);
    const entry = st.aplUpdated ? st.aplinfo.find((a) => a.template === template) : undefined;
    if (!entry) return paramError(spec, { template: 'no such template' });
    const url = `http://download.proxmox.com/images/${entry.section}/${template}`;
    writeHostFile(ctx.dir, `/var/lib/vz/template/cache/${template}`, `SIMULATED-TEMPLATE ${template}\n`);
    return ok(`downloading ${url} to /var/lib/vz/template/cache/${template}\n--2025-06-02 10:00:00--  ${url}\nLength: 126371896 (121M) [application/octet-stream]\ncalculating checksum...OK, checksum verified\ndownload of '${url}' to '/var/lib/vz/template/cache/${template}' finished\n`, { mutated: true, latency: ['pveam download'] });
  }
  return fail(255, `unknown command 'pveam ${sub ?? ''}'\nUSAGE: pveam <COMMAND> [ARGS] [OPTIONS]`);
}
