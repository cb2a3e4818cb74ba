// @ts-nocheck
// Read the DKIM public key the mail VM generated at first boot back into the records.
import type { ListrTask } from 'listr2';
import { vmRun } from '../host/guest.js';
import { facts, type InstallCtx } from './context.js';

/** opendkim-genkey writes `default._domainkey IN TXT ( "v=DKIM1; k=rsa; " "p=..." ) ; comment`. */
export function parseDkimTxt(text: string): string | undefined {
  const body = text.replace(/;[^"\n]*$/gm, '');
  const parts = [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1]).join('');
  const value = parts.replace(/\s+/g, ' ').trim();
  return /v=DKIM1/.test(value) && /p=[A-Za-z0-9+/=]+/.test(value) ? value : undefined;
}

export function dkimTask(): ListrTask<InstallCtx> {
  return {
    title: 'Read the DKIM key from the mail VM',
    skip: (ctx) => (ctx.dryRun ? 'read after provisioning (dry run)' : ctx.plan.answers.mode === 'smarthost' ? 'smarthost: the relay provider signs' : false),
    task: async (ctx, task) => {
      const path = `/var/lib/opendkim/${ctx.plan.domain}.txt`;
      const r = await vmRun(ctx.host, facts(ctx).vmids.mail, ['cat', path], { readOnly: true, allowFailure: true });
      const value = r.exit === 0 ? parseDkimTxt(r.stdout) : undefined;
      if (!value) {
        task.output = `no DKIM key at ${path} yet; the records show a placeholder`;
        return;
      }
      ctx.dkimRecord = value;
      ctx.plan.dkimRecord = value;
    },
  };
}
