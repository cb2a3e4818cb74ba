// @ts-nocheck
// Proxmox Mail Gateway in an unprivileged LXC container (SPEC §3 step 3): Debian 12 template +
// proxmox-mailgateway-container from the pmg-no-subscription repository, configured with pmgsh.
import type { ListrTask } from 'listr2';
import { randomBytes } from 'node:crypto';
import { WorkError } from '../cli/errors.js';
import { ctRun } from '../host/guest.js';
import { guest } from '../plan/derive.js';
import { facts, once, PUSH_DIR, type InstallCtx } from './context.js';
import { PUSH_AUTHORIZED_KEYS_ON_PMG, pushPublicKey } from '../plan/pushKey.js';
import { disableEnterprise, newestDebianTemplate, noSubscriptionRepo } from './release.js';
import { step, streamTo, waitFor } from './step.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNixDir } from '../render/nixFiles.js';

/**
 * DNS blocklist for postscreen (pmg-api mail.dnsbl_sites, format dnsbl-entry): Spamhaus ZEN with a
 * reply filter, so only listings (127.0.0.2-11) count and the 127.255.255.x error answers a public
 * resolver gets do not block every sender.
 */
export const PMG_DNSBL = 'zen.spamhaus.org=127.0.0.[2..11]';

/** The mail VM's postfix message_size_limit (nix/policy/mail-policy.json): PMG gets the same maxsize. */
export function mailMessageSizeLimit(): number {
  const policy = JSON.parse(readFileSync(join(findNixDir(), 'policy/mail-policy.json'), 'utf8')) as { postfix: { main: Record<string, unknown> } };
  return Number(policy.postfix.main.message_size_limit);
}

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

/** PMG's copy of the relay login (postfix texthash), root-only in the container. */
export const PMG_RELAY_SASL = '/etc/pmg/relay-sasl';
export const PMG_CUSTOM_MAIN_CF = '/etc/pmg/templates/main.cf.in';
const SASL_MARK = '# netsetup-wizard: SASL login for the smarthost (PMG own mail: bounces, reports)';

/**
 * The map PMG's postfix looks the smarthost up in. PMG writes `default_transport =
 * smtp:HOST:PORT` (pmg-api templates/main.cf.in), so the next hop is HOST:PORT; the bracketed
 * and bare forms are listed as well. Built from the mail VM's relay-sasl file (`[host]:port user:pass`).
 */
export function pmgRelaySasl(mailVmSasl: string): string | undefined {
  const m = /^\[([^\]]+)\]:(\d+) (\S+:.*)$/m.exec(mailVmSasl);
  if (!m) return undefined;
  const [, host, port, login] = m as unknown as [string, string, string, string];
  return `[${host}]:${port} ${login}\n${host}:${port} ${login}\n${host} ${login}\n`;
}

function pmgSmarthostStep(): ListrTask<InstallCtx> {
  const sasl = (c: InstallCtx) => pmgRelaySasl(c.siteFiles.find((f) => f.path.endsWith('/relay-sasl'))?.content ?? '');
  const block = [
    SASL_MARK,
    'smtp_sasl_auth_enable = yes',
    `smtp_sasl_password_maps = texthash:${PMG_RELAY_SASL}`,
    // Never a password without TLS: PLAIN/LOGIN only inside STARTTLS (the relay offers it).
    'smtp_sasl_security_options = noanonymous, noplaintext',
    'smtp_sasl_tls_security_options = noanonymous',
    '',
  ].join('\n');
  return step({
    title: 'PMG\'s own mail (bounces, reports) leaves through the relay',
    done: async (c) => {
      const r = c.plan.relay!;
      const cfg = await pmgsh<{ smarthost?: string; smarthostport?: number }>(c, '/config/mail');
      if (!cfg || cfg.smarthost !== r.host || Number(cfg.smarthostport ?? 25) !== r.port) return false;
      const want = sasl(c);
      if (!want) return 'smarthost set (the relay takes no login)';
      const t = await ctRun(c.host, vmid(c), ['cat', PMG_CUSTOM_MAIN_CF], { readOnly: true, allowFailure: true });
      const s = await ctRun(c.host, vmid(c), ['sha256sum', PMG_RELAY_SASL], { readOnly: true, allowFailure: true });
      const { createHash } = await import('node:crypto');
      return t.stdout.includes(SASL_MARK) && s.stdout.startsWith(createHash('sha256').update(want).digest('hex')) ? 'smarthost and login already set' : false;
    },
    run: async (c) => {
      const r = c.plan.relay!;
      const want = sasl(c);
      if (want) {
        await ctRun(c.host, vmid(c), ['install', '-D', '-m', '0600', '/dev/stdin', PMG_RELAY_SASL], { stdin: want, label: 'relay login for PMG (root-only)' });
        // PMG renders /etc/pmg/templates/<file> instead of its own when present (pmg-api Config.pm $tt_include_path).
        const base = await ctRun(c.host, vmid(c), ['cat', '/var/lib/pmg/templates/main.cf.in'], { readOnly: true, allowFailure: true });
        if (!c.dryRun && base.exit !== 0) throw new WorkError('PMG\'s main.cf template (/var/lib/pmg/templates/main.cf.in) is missing; is PMG installed?');
        const text = base.stdout.includes(SASL_MARK) ? base.stdout : `${base.stdout.trimEnd()}\n\n${block}`;
        await ctRun(c.host, vmid(c), ['install', '-D', '-m', '0644', '/dev/stdin', PMG_CUSTOM_MAIN_CF], { stdin: text, stdinPublic: true, stdinSummary: `(PMG's main.cf.in + ${block.split('\n').length - 1} lines: SASL for the smarthost)`, label: 'PMG main.cf template with the relay login' });
      }
      await ctRun(c.host, vmid(c), ['pmgsh', 'set', '/config/mail', '--smarthost', r.host, '--smarthostport', String(r.port)], { label: 'smarthost' });
      await ctRun(c.host, vmid(c), ['pmgconfig', 'sync', '--restart', '1'], { label: 'rewrite postfix' });
    },
  });
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
              // The image builder may want the same template at the same time: one download.
              await once(c, `template:${name}`, async () => {
                const have = await c.host.run(['pveam', 'list', facts(c).templateStorage], { readOnly: true, allowFailure: true });
                if (!c.dryRun && have.stdout.includes(`vztmpl/${name}`)) return;
                await c.host.run(['pveam', 'download', facts(c).templateStorage, name], streamTo(c, t, 'download template'));
              });
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
            title: `Host name mx.${domain} (the MX name: banner, HELO and certificate agree)`,
            done: async (c) => {
              if ((await ctStatus(c)) !== 'running') return false;
              const r = await ctRun(c.host, vmid(c), ['hostname'], { readOnly: true, allowFailure: true });
              const f = await ctRun(c.host, vmid(c), ['cat', '/etc/hostname', '/etc/.pve-ignore.hostname', '/etc/.pve-ignore.hosts'], { readOnly: true, allowFailure: true });
              return r.stdout.trim() === 'mx' && f.exit === 0 && f.stdout.startsWith('mx\n') ? 'already mx' : false;
            },
            run: async (c) => {
              // PMG's postfix myhostname is the node name (uname -n) plus the resolv.conf search
              // domain (pmg-api Config.pm get_host_dns_info); the container's search domain is the
              // site's domain. The .pve-ignore files keep pve-container from rewriting both files
              // with the guest name at the next start (pve-container Setup/Base.pm ct_is_file_ignored).
              await ctRun(c.host, vmid(c), ['install', '-D', '-m', '0644', '/dev/stdin', '/etc/hostname'], { stdin: 'mx\n', stdinPublic: true, label: 'node name mx' });
              await ctRun(c.host, vmid(c), ['install', '-D', '-m', '0644', '/dev/stdin', '/etc/hosts'], { stdin: `127.0.0.1 localhost\n${g.ip} mx.${domain} mx\n::1 localhost ip6-localhost ip6-loopback\n`, stdinPublic: true, label: 'hosts file' });
              for (const f of ['/etc/.pve-ignore.hostname', '/etc/.pve-ignore.hosts']) {
                await ctRun(c.host, vmid(c), ['install', '-m', '0644', '/dev/stdin', f], { stdin: '# netsetup-wizard: mx is the MX name; keep it\n', stdinPublic: true, label: 'keep pve-container off it' });
              }
              await ctRun(c.host, vmid(c), ['hostname', 'mx'], { label: 'rename the running system' });
              if (await pmgInstalled(c)) await ctRun(c.host, vmid(c), ['pmgconfig', 'sync', '--restart', '1'], { label: 'rewrite postfix with the new name' });
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
            title: `Trusted networks: the mail VM only (${mail.ip}/32)`,
            done: async (c) => {
              const list = await pmgsh<Array<{ cidr: string }>>(c, '/config/mynetworks');
              if (!list?.some((n) => n.cidr === `${mail.ip}/32`)) return false;
              const wider = list.filter((n) => n.cidr !== `${mail.ip}/32`);
              if (wider.length) {
                throw new WorkError(`PMG trusts more than the mail VM: ${wider.map((n) => n.cidr).join(', ')} (mynetworks may relay through the gateway)`, {
                  advice: `Remove those entries in the PMG web UI (Configuration → Mail Proxy → Networks) or with pmgsh delete /config/mynetworks/<cidr>; only ${mail.ip}/32 belongs there.`,
                });
              }
              return 'only the mail VM is trusted';
            },
            run: async (c) => {
              await ctRun(c.host, vmid(c), ['pmgsh', 'create', '/config/mynetworks', '--cidr', `${mail.ip}/32`, '--comment', mail.name], { label: 'trust mail VM' });
            },
          }),
          step({
            title: 'Mail policy: recipient verification, DNS blocklist, size limit equal to the mail VM',
            done: async (c) => {
              const cfg = await pmgsh<Record<string, unknown>>(c, '/config/mail');
              const max = mailMessageSizeLimit();
              return cfg && String(cfg.verifyreceivers) === '550' && cfg.dnsbl_sites === PMG_DNSBL && Number(cfg.maxsize) === max ? 'already set' : false;
            },
            run: async (c) => {
              await ctRun(
                c.host,
                vmid(c),
                // verifyreceivers: PMG asks the next hop (the mail VM's port 26, which rejects unknown mailboxes) before accepting.
                ['pmgsh', 'set', '/config/mail', '--verifyreceivers', '550', '--dnsbl_sites', PMG_DNSBL, '--dnsbl_threshold', '1', '--maxsize', String(mailMessageSizeLimit())],
                { label: 'mail policy' },
              );
            },
          }),
          step({
            title: `Administrator e-mail ${ctx.plan.answers.mailboxes[0]!.user}@${domain}`,
            done: async (c) => {
              const cfg = await pmgsh<{ email?: string }>(c, '/config/admin');
              return cfg?.email === `${c.plan.answers.mailboxes[0]!.user}@${domain}` ? 'already set' : false;
            },
            run: async (c) => {
              await ctRun(c.host, vmid(c), ['pmgsh', 'set', '/config/admin', '--email', `${c.plan.answers.mailboxes[0]!.user}@${domain}`], { label: 'admin e-mail' });
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
          ...(ctx.plan.relay ? [pmgSmarthostStep()] : []),
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
            title: `Check PMG's postfix: myhostname mx.${domain}, message size as on the mail VM${ctx.plan.relay ? ', own mail via the relay' : ''}`,
            verifyOnly: true,
            run: async (c) => {
              const r = await ctRun(c.host, vmid(c), ['postconf', '-h', 'myhostname', 'message_size_limit'], { readOnly: true });
              const [name, size] = r.stdout.trim().split('\n');
              if (name !== `mx.${domain}`) throw new WorkError(`PMG's postfix calls itself ${name ?? '?'}, not mx.${domain}`);
              if (Number(size) !== mailMessageSizeLimit()) throw new WorkError(`PMG accepts messages up to ${size} bytes, the mail VM up to ${mailMessageSizeLimit()}`);
              if (c.plan.relay) {
                const t = await ctRun(c.host, vmid(c), ['postconf', '-h', 'default_transport', 'smtp_sasl_auth_enable'], { readOnly: true });
                const [transport, saslOn] = t.stdout.trim().split('\n');
                if (transport !== `smtp:${c.plan.relay.host}:${c.plan.relay.port}`) throw new WorkError(`PMG's own mail goes to ${transport ?? '?'}, not the relay ${c.plan.relay.host}:${c.plan.relay.port}`);
                if (pmgRelaySasl(c.siteFiles.find((f) => f.path.endsWith('/relay-sasl'))?.content ?? '') && saslOn !== 'yes') throw new WorkError('PMG\'s postfix does not log in to the relay (smtp_sasl_auth_enable is not yes)');
              }
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
