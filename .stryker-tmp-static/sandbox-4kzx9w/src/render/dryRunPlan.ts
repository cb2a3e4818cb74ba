// @ts-nocheck
// The dry-run view of the plan: guests, then every command and file per target, in order,
// secrets redacted. Pure: takes what the dry-run host recorded.
import type { RecordedAction } from '../host/dryRun.js';
import { shellQuote } from '../host/quote.js';
import { redact } from '../plan/secrets.js';
import type { Plan } from '../plan/types.js';

interface Group { title: string; lines: string[] }

/** Which target a recorded command acts on: the host, or a guest by VMID. */
export function targetOf(a: RecordedAction): { vmid?: number; inner: readonly string[] } {
  const [cmd, sub, id] = a.argv;
  if (a.kind === 'run' && cmd === 'pct' && id === undefined && sub && /^\d+$/.test(sub)) return { inner: a.argv };
  if (a.kind === 'run' && cmd === 'pct' && sub === 'exec') {
    const dash = a.argv.indexOf('--');
    return { vmid: Number(a.argv[2]), inner: a.argv.slice(dash + 1) };
  }
  if (a.kind === 'run' && cmd === 'qm' && sub === 'guest' && a.argv[2] === 'exec') {
    const dash = a.argv.indexOf('--');
    return { vmid: Number(a.argv[3]), inner: a.argv.slice(dash + 1) };
  }
  if (a.kind === 'run' && (cmd === 'pct' || cmd === 'qm') && sub && id && /^\d+$/.test(id)) return { vmid: Number(id), inner: a.argv };
  if (a.kind === 'run' && cmd === 'qmrestore' && a.argv[2] && /^\d+$/.test(a.argv[2])) return { vmid: Number(a.argv[2]), inner: a.argv };
  return { inner: a.argv };
}

const MAX_CONTENT_LINES = 80;

function contentLines(content: string): string[] {
  const lines = content.trimEnd().split('\n');
  const shown = lines.slice(0, MAX_CONTENT_LINES).map((l) => `         | ${l}`);
  if (lines.length > MAX_CONTENT_LINES) shown.push(`         | … ${lines.length - MAX_CONTENT_LINES} more lines`);
  return shown;
}

export function renderDryRun(plan: Plan, actions: readonly RecordedAction[], secrets: readonly string[], hostDescription: string, others: Record<number, string> = {}): string {
  const out: string[] = [];
  out.push(`Plan for ${plan.domain} (host serial ${plan.serial}): dry run, nothing was changed.`);
  out.push(`Target: ${hostDescription}`);
  out.push(`Mode: ${plan.answers.mode}${plan.relay ? ` via ${plan.relay.host}:${plan.relay.port} (${plan.relay.label})` : ' (direct MX delivery)'}`);
  out.push('', 'Guests:');
  for (const g of plan.guests) {
    out.push(`  ${g.name.padEnd(12)} ${(g.kind === 'lxc' ? 'CT' : 'VM').padEnd(2)} ${String(g.vmid ?? '?').padEnd(5)} ${`${g.ip}/${g.prefixLength}`.padEnd(18)} tags ${g.tags.join(';').padEnd(14)} ${g.designName}`);
  }
  const groups = new Map<string, Group>();
  const groupFor = (vmid?: number): Group => {
    const g = vmid === undefined ? undefined : plan.guests.find((x) => x.vmid === vmid);
    const title = g ? `${g.name} (${g.kind === 'lxc' ? 'container' : 'VM'} ${vmid})` : vmid === undefined ? 'Proxmox VE host' : others[vmid] ?? `guest ${vmid}`;
    let grp = groups.get(title);
    if (!grp) groups.set(title, (grp = { title, lines: [] }));
    return grp;
  };
  groupFor(undefined);
  for (const g of plan.guests) groupFor(g.vmid ?? undefined);
  for (const a of actions) {
    const { vmid, inner } = targetOf(a);
    const grp = groupFor(vmid);
    const n = grp.lines.filter((l) => /^\s+\d+\./.test(l)).length + 1;
    if (a.kind === 'write') {
      grp.lines.push(`  ${String(n).padStart(3)}. write ${a.argv[0]} (mode ${(a.mode ?? 0o644).toString(8).padStart(4, '0')})${a.label ? `  # ${a.label}` : ''}`);
      if (a.secret) grp.lines.push('         «secret content redacted»');
      else grp.lines.push(...contentLines(a.content ?? ''));
    } else {
      const isWrite = inner[0]?.replace(/^.*\//, '') === 'install' && inner.includes('/dev/stdin');
      const line = isWrite ? `write ${inner[inner.length - 1]} (mode ${inner[inner.indexOf('-m') + 1]}) from stdin` : shellQuote(inner);
      grp.lines.push(`  ${String(n).padStart(3)}. ${line}${a.label ? `  # ${a.label}` : ''}`);
      if (a.secret) grp.lines.push('         «secret input redacted»');
      else if (a.content) grp.lines.push(...contentLines(a.content));
    }
  }
  for (const g of groups.values()) {
    out.push('', `== ${g.title} ==`);
    out.push(...(g.lines.length ? g.lines : ['  (nothing to do)']));
  }
  return redact(`${out.join('\n')}\n`, secrets);
}
