// Proxmox Mail Gateway in an unprivileged LXC container (SPEC §3 step 3): Debian 12 template +
// proxmox-mailgateway-container from the pmg-no-subscription repository, configured with pmgsh.
import type { ListrTask } from 'listr2';
import { randomBytes } from 'node:crypto';
import { WorkError } from '../cli/errors.js';
import { ctRun } from '../host/guest.js';
import { guest } from '../plan/derive.js';
import { facts, PUSH_DIR, type InstallCtx } from './context.js';
import { PUSH_AUTHORIZED_KEYS_ON_PMG, pushPublicKey } from '../plan/pushKey.js';
import { disableEnterprise, newestDebianTemplate, noSubscriptionRepo } from './release.js';
import { step, streamTo, waitFor } from './step.js';

/** The PMG admin (root@pam of the container) password: generated once, root-only on the host. */
export const PMG_ADMIN_PASSWORD_FILE = '/etc/netsetup/secrets/pmg-root.pass';


function vmid(ctx: InstallCtx): number {
  return facts(ctx).vmids.pmg;
}

async function ctStatus(ctx: InstallCtx): Promise<string | undefined> {
  const r = await ctx.host.run(['pct', 'status', String(vmid(ctx))], { readOnly: true, allowFailure: true });
  return r.exit === 0 ? /status:\s*(\w+)/.exec(r.stdout)?.[1] : undefined;
}

async function pmgsh<T>(ctx: InstallCtx, path: string): Promise<T | undefined> {
  const r = await ctRun(ctx.host, vmid(ctx), ['pmgsh', 'get', path], { readOnly: true, allowFailure: true });
  if (r.exit !== 0 || !r.stdout.trim()) return undefined;
  return JSON.parse(r.stdout) as T;
}

async function pmgInstalled(ctx: InstallCtx): Promise<boolean> {
  if ((await ctStatus(ctx)) !== 'running') return false;
  const r = await ctRun(ctx.host, vmid(ctx), ['dpkg-query', '-W', '-f=${Status}', 'proxmox-mailgateway-container'], { readOnly: true, allowFailure: true });
  return r.exit === 0 && r.stdout.includes('install ok installed');
}


/** pmg-api ships /etc/apt/sources.list.d/pmg-enterprise.sources (PMG 9) or .list (PMG 8). */
async function enterpriseToDisable(ctx: InstallCtx): Promise<Array<{ path: string; text: string }>> {
  if ((await ctStatus(ctx)) !== 'running') return [];
  const out: Array<{ path: string; text: string }> = [];
  for (const path of ['/etc/apt/sources.list.d/pmg-enterprise.sources', '/etc/apt/sources.list.d/pmg-enterprise.list']) {
    const r = await ctRun(ctx.host, vmid(ctx), ['cat', path], { readOnly: true, allowFailure: true });
    if (r.exit !== 0) continue;
    const text = disableEnterprise(path, r.stdout);
    if (text) out.push({ path, text });
  }
  return out;
}

export function pmgTask(): ListrTask<InstallCtx> {
  return {
    title: 'Proxmox Mail Gateway container',
    task: (ctx, task) => {
      const g = guest(ctx.plan, 'pmg');
      const mail = guest(ctx.plan, 'mail');
      const dns = guest(ctx.plan, 'dns');
      const domain = ctx.plan.domain;
      return task.newListr(
        [
          step({
            title: 'Container template (newest Debian standard template of the release)',
            done: async (c) => {
              if (facts(c).existing.pmg) return `container ${g.name} already exists`;
              const r = await c.host.run(['pveam', 'list', facts(c).templateStorage], { readOnly: true, allowFailure: true });
              const local = newestDebianTemplate(r.stdout.split('\n').map((l) => l.split(/\s+/)[0]?.split('vztmpl/')[1] ?? ''), facts(c).release);
              if (local) {
                facts(c).templateVolid = `${facts(c).templateStorage}:vztmpl/${local}`;
                return `${local} already downloaded`;
              }
              return false;
            },
            run: async (c, t) => {
              const rel = facts(c).release;
              await c.host.run(['pveam', 'update'], streamTo(c, t, 'refresh template catalogue', { allowFailure: true }));
              const avail = await c.host.run(['pveam', 'available', '--section', 'system'], { readOnly: true });
              // "section template [architecture]" (the architecture column is new in PVE 9)
              const name = newestDebianTemplate(avail.stdout.split('\n').map((l) => l.trim().split(/\s+/)[1] ?? ''), rel);
              if (!name) throw new WorkError(`no Debian ${rel.debian} container template is available (pveam available --section system)`);
              await c.host.run(['pveam', 'download', facts(c).templateStorage, name], streamTo(c, t, 'download template'));
              facts(c).templateVolid = `${facts(c).templateStorage}:vztmpl/${name}`;
            },
          }),
          step({
            title: `Create container ${g.name}`,
            done: async (c) => (facts(c).existing.pmg ? `exists as CT ${vmid(c)}` : false),
            run: async (c, t) => {
              await c.host.run(
                [
                  'pct', 'create', String(vmid(c)), facts(c).templateVolid ?? '',
                  '--hostname', g.name,
                  '--description', g.description,
                  '--unprivileged', '1',
                  '--features', 'nesting=1',
                  '--onboot', '1',
                  '--tags', g.tags.join(';'),
                  '--cores', String(g.cores),
                  '--memory', String(g.memoryMb),
                  '--swap', '512',
                  '--rootfs', `${facts(c).guestStorage}:${g.diskGb}`,
                  '--net0', `name=eth0,bridge=${g.bridge},ip=${g.ip}/${g.prefixLength},gw=${g.gateway}`,
                  // The DNS VM answers only once it is built; the gateway covers the time before.
                  '--nameserver', `${dns.ip} ${g.gateway}`,
                  '--searchdomain', domain,
                ],
                streamTo(c, t, 'create container'),
              );
            },
          }),
          step({
            title: `Start ${g.name}`,
            done: async (c) => ((await ctStatus(c)) === 'running' ? 'already running' : false),
            run: async (c) => {
              await c.host.run(['pct', 'start', String(vmid(c))], { label: 'start container', signal: c.signal });
            },
          }),
          step({
            title: 'Add the PMG package repository in the container',
            done: async (c) => ((await pmgInstalled(c)) ? 'PMG already installed' : false),
            run: async (c) => {
              const rel = facts(c).release;
              const repo = noSubscriptionRepo(rel, 'pmg');
              const src = `${PUSH_DIR}/${repo.path.split('/').pop()}`;
              await c.host.writeFile(src, repo.content, { label: 'PMG repository' });
              await c.host.run(['pct', 'push', String(vmid(c)), src, repo.path, '--perms', '0644'], { label: 'push repository' });
              // the container's Debian does not carry Proxmox's key: the host's goes in
              await c.host.run(['pct', 'push', String(vmid(c)), rel.keyring, rel.keyring, '--perms', '0644'], { label: 'push Proxmox archive key' });
            },
          }),
          step({
            title: 'Install Proxmox Mail Gateway',
            done: async (c) => ((await pmgInstalled(c)) ? 'already installed' : false),
            run: async (c, t) => {
              await ctRun(c.host, vmid(c), ['apt-get', 'update'], streamTo(c, t, 'refresh package lists'));
              await ctRun(c.host, vmid(c), ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'proxmox-mailgateway-container'], streamTo(c, t, 'install PMG'));
            },
          }),
          step({
            title: 'Turn off the pmg-enterprise repository the package added (no subscription)',
            done: async (c) => ((await enterpriseToDisable(c)).length === 0 ? 'nothing enabled without a subscription' : false),
            run: async (c) => {
              for (const { path, text } of await enterpriseToDisable(c)) {
                const src = `${PUSH_DIR}/${path.split('/').pop()}`;
                await c.host.writeFile(src, text, { label: `${path} turned off` });
                await c.host.run(['pct', 'push', String(vmid(c)), src, path, '--perms', '0644'], { label: 'push repository file' });
              }
            },
          }),
          step({
            title: `Relay domain ${domain}`,
            done: async (c) => {
              const list = await pmgsh<Array<{ domain: string }>>(c, '/config/domains');
              return list?.some((d) => d.domain === domain) ? 'already a relay domain' : false;
            },
            run: async (c) => {
              await ctRun(c.host, vmid(c), ['pmgsh', 'create', '/config/domains', '--domain', domain, '--comment', 'netsetup-wizard'], { label: 'add relay domain' });
            },
          }),
          step({
            title: `Transport ${domain} → ${mail.name} port 26`,
            done: async (c) => {
              const list = await pmgsh<Array<{ domain: string; host: string; port: number; use_mx?: number }>>(c, '/config/transport');
              const tr = list?.find((x) => x.domain === domain);
              return tr && tr.host === mail.ip && Number(tr.port) === 26 && Number(tr.use_mx ?? 1) === 0 ? 'already set' : false;
            },
            run: async (c) => {
              const list = await pmgsh<Array<{ domain: string }>>(c, '/config/transport');
              const exists = list?.some((x) => x.domain === domain);
              const argv = exists
                ? ['pmgsh', 'set', `/config/transport/${domain}`, '--host', mail.ip, '--port', '26', '--protocol', 'smtp', '--use_mx', '0']
                : ['pmgsh', 'create', '/config/transport', '--domain', domain, '--host', mail.ip, '--port', '26', '--protocol', 'smtp', '--use_mx', '0', '--comment', 'netsetup-wizard'];
              await ctRun(c.host, vmid(c), argv, { label: 'set transport' });
            },
          }),
          step({
            title: `Trust the mail VM (${mail.ip}/32)`,
            done: async (c) => {
              const list = await pmgsh<Array<{ cidr: string }>>(c, '/config/mynetworks');
              return list?.some((n) => n.cidr === `${mail.ip}/32`) ? 'already trusted' : false;
            },
            run: async (c) => {
              await ctRun(c.host, vmid(c), ['pmgsh', 'create', '/config/mynetworks', '--cidr', `${mail.ip}/32`, '--comment', mail.name], { label: 'trust mail VM' });
            },
          }),
          step({
            title: 'Offer STARTTLS on port 25',
            done: async (c) => {
              const cfg = await pmgsh<{ tls?: number | boolean }>(c, '/config/mail');
              return cfg && Number(cfg.tls) === 1 ? 'TLS already on' : false;
            },
            run: async (c) => {
              await ctRun(c.host, vmid(c), ['pmgsh', 'set', '/config/mail', '--tls', '1'], { label: 'enable TLS' });
            },
          }),
          step({
            title: 'Set the PMG admin password (root@pam)',
            done: async (c) => {
              if (!(await c.host.readFile(PMG_ADMIN_PASSWORD_FILE))?.trim()) return false;
              if ((await ctStatus(c)) !== 'running') return false;
              // The container itself must have it (a failed chpasswd or a recreated container has not).
              const st = await ctRun(c.host, vmid(c), ['passwd', '-S', 'root'], { readOnly: true, allowFailure: true });
              return st.exit === 0 && /^root\s+P\s/.test(st.stdout) ? `already set; kept in ${PMG_ADMIN_PASSWORD_FILE} on the host` : false;
            },
            run: async (c) => {
              // A container from a Debian template has no root password, so nobody could log in to
              // the PMG web UI. Generate one once, keep it root-only on the host, set it through stdin.
              let password = (await c.host.readFile(PMG_ADMIN_PASSWORD_FILE))?.trim() ?? '';
              if (!password) {
                password = randomBytes(18).toString('base64url');
                await c.host.writeFile(PMG_ADMIN_PASSWORD_FILE, `${password}\n`, { mode: 0o600, secret: true, label: 'PMG admin password' });
              }
              c.extraSecrets.push(password);
              await ctRun(c.host, vmid(c), ['chpasswd'], { stdin: `root:${password}\n`, label: 'set the PMG admin password' });
            },
          }),
          step({
            title: 'Let the DNS VM push certificates (SSH key)',
            done: async (c) => {
              const key = pushPublicKey(c.siteFiles);
              if (!key) return 'no push key planned';
              if ((await ctStatus(c)) !== 'running') return false;
              const r = await ctRun(c.host, vmid(c), ['cat', PUSH_AUTHORIZED_KEYS_ON_PMG], { readOnly: true, allowFailure: true });
              return r.exit === 0 && r.stdout.includes(key.trim()) ? 'already authorized' : false;
            },
            run: async (c) => {
              const key = pushPublicKey(c.siteFiles) ?? '';
              await ctRun(c.host, vmid(c), ['install', '-D', '-m', '0600', '/dev/stdin', PUSH_AUTHORIZED_KEYS_ON_PMG], { stdin: key, stdinPublic: true, label: 'authorize the certificate push key' });
            },
          }),
          step({
            title: 'Check the filter and port 25',
            verifyOnly: true,
            run: async (c) => {
              await waitFor(c, 'pmg-smtp-filter and port 25', async () => {
                const act = await ctRun(c.host, vmid(c), ['systemctl', 'is-active', 'pmg-smtp-filter', 'postfix'], { readOnly: true, allowFailure: true });
                const ss = await ctRun(c.host, vmid(c), ['ss', '-Hltn'], { readOnly: true, allowFailure: true });
                return act.exit === 0 && /:25\s/.test(ss.stdout);
              });
            },
          }),
        ],
        { concurrent: false, exitOnError: true },
      );
    },
  };
}
