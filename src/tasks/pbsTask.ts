// Proxmox Backup Server on the host (SPEC §3 step 2): repository, package, datastore, service,
// registration as PVE storage, nightly backups of the three guests.
import type { ListrTask } from 'listr2';
import { WorkError } from '../cli/errors.js';
import { pveshGet } from '../host/pvesh.js';
import { facts, type InstallCtx } from './context.js';
import { step, streamTo, waitFor } from './step.js';

export const PBS_REPO_FILE = '/etc/apt/sources.list.d/pbs-no-subscription.list';
export const PBS_REPO_LINE = 'deb http://download.proxmox.com/debian/pbs bookworm pbs-no-subscription';
export const PBS_STORAGE_ID = 'netsetup-pbs';
export const PBS_TOKEN = { user: 'root@pam', name: 'netsetup' };
export const BACKUP_JOB_ID = 'netsetup-nightly';
export const PBS_PASSWORD_FILE = `/etc/pve/priv/storage/${PBS_STORAGE_ID}.pw`;

async function pkgInstalled(ctx: InstallCtx, pkg: string): Promise<boolean> {
  const r = await ctx.host.run(['dpkg-query', '-W', '-f=${Status}', pkg], { readOnly: true, allowFailure: true });
  return r.exit === 0 && r.stdout.includes('install ok installed');
}

export function pbsTask(): ListrTask<InstallCtx> {
  return {
    title: 'Proxmox Backup Server',
    task: (_ctx, task) =>
      task.newListr(
        [
          step({
            title: 'Add the PBS package repository',
            done: async (ctx) => {
              if (await pkgInstalled(ctx, 'proxmox-backup-server')) return 'package already installed';
              for (const f of ['/etc/apt/sources.list', PBS_REPO_FILE, '/etc/apt/sources.list.d/pbs.list', '/etc/apt/sources.list.d/pbs-enterprise.list']) {
                const text = await ctx.host.readFile(f);
                if (text && /^\s*deb\s+\S+\/debian\/pbs\s/m.test(text)) return `already configured in ${f}`;
              }
              return false;
            },
            run: async (ctx) => {
              await ctx.host.writeFile(PBS_REPO_FILE, `# added by netsetup-wizard\n${PBS_REPO_LINE}\n`, { label: 'PBS no-subscription repository' });
            },
          }),
          step({
            title: 'Install proxmox-backup-server',
            done: async (ctx) => ((await pkgInstalled(ctx, 'proxmox-backup-server')) ? 'already installed' : false),
            run: async (ctx, t) => {
              // A host without a subscription usually still lists the enterprise repositories, which
              // answer 401: apt-get update then fails although the PBS repository was read fine.
              // The install below is the real test; its error names what is missing.
              const upd = await ctx.host.run(['apt-get', 'update'], streamTo(ctx, t, 'refresh package lists', { allowFailure: true }));
              if (upd.exit !== 0) t.output = `apt-get update reported errors (often the enterprise repositories without a subscription); trying the install anyway`;
              await ctx.host.run(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'proxmox-backup-server'], streamTo(ctx, t, 'install PBS'));
            },
          }),
          step({
            title: `Create datastore ${_ctx.plan.answers.pbs.datastore}`,
            done: async (ctx) => {
              const r = await ctx.host.run(['proxmox-backup-manager', 'datastore', 'list', '--output-format', 'json'], { readOnly: true, allowFailure: true });
              if (r.exit !== 0) return false;
              const list = JSON.parse(r.stdout || '[]') as Array<{ name: string; path?: string }>;
              const ds = list.find((d) => d.name === ctx.plan.answers.pbs.datastore);
              return ds ? `exists at ${ds.path ?? '?'}` : false;
            },
            run: async (ctx, t) => {
              const { datastore, path } = ctx.plan.answers.pbs;
              await ctx.host.run(['proxmox-backup-manager', 'datastore', 'create', datastore, path], streamTo(ctx, t, 'create datastore'));
            },
          }),
          step({
            title: 'Check the PBS proxy service',
            verifyOnly: true,
            run: async (ctx) => {
              await waitFor(ctx, 'proxmox-backup-proxy', async () => {
                const r = await ctx.host.run(['systemctl', 'is-active', 'proxmox-backup-proxy'], { readOnly: true, allowFailure: true });
                return r.stdout.trim() === 'active';
              });
            },
          }),
          step({
            title: `Register PBS as storage ${PBS_STORAGE_ID}`,
            done: async (ctx) => {
              const list = await pveshGet<Array<{ storage: string; disable?: number }>>(ctx.host, '/storage').catch(() => []);
              const entry = list.find((s) => s.storage === PBS_STORAGE_ID);
              if (!entry || entry.disable) return false;
              return (await ctx.host.readFile(PBS_PASSWORD_FILE)) ? 'already registered' : false;
            },
            run: async (ctx) => {
              const { host } = ctx;
              const datastore = ctx.plan.answers.pbs.datastore;
              const authId = `${PBS_TOKEN.user}!${PBS_TOKEN.name}`;
              // A fresh API token for PVE to log in with; an old one whose secret we no longer know
              // is replaced. Its output holds the secret: kept out of the log.
              const tokenArgv = ['proxmox-backup-manager', 'user', 'generate-token', PBS_TOKEN.user, PBS_TOKEN.name, '--output-format', 'json'];
              let gen = await host.run(tokenArgv, { label: 'create API token', allowFailure: true, secretOutput: true });
              if (gen.exit !== 0 && /exists/i.test(gen.stderr)) {
                await host.run(['proxmox-backup-manager', 'user', 'delete-token', PBS_TOKEN.user, PBS_TOKEN.name], { label: 'replace old API token' });
                gen = await host.run(tokenArgv, { label: 'create API token', secretOutput: true });
              } else if (gen.exit !== 0) {
                throw new WorkError(`cannot create the PBS API token: ${gen.stderr.trim()}`, { stderrTail: gen.stderr });
              }
              const secret = ctx.dryRun ? '' : String((JSON.parse(gen.stdout) as { value?: string }).value ?? '');
              if (!ctx.dryRun && !secret) throw new WorkError('proxmox-backup-manager returned no token secret');
              if (secret) ctx.extraSecrets.push(secret);
              // A token has only the rights its own ACL entries give it.
              await host.run(['proxmox-backup-manager', 'acl', 'update', `/datastore/${datastore}`, 'DatastoreBackup', '--auth-id', authId], { label: 'let the token back up to the datastore' });
              const storages = await pveshGet<Array<{ storage: string }>>(host, '/storage').catch(() => []);
              if (!storages.some((s) => s.storage === PBS_STORAGE_ID)) {
                const cert = await host.run(['proxmox-backup-manager', 'cert', 'info'], { readOnly: true, allowFailure: true });
                const fp = /Fingerprint \(sha256\):\s*([0-9a-f:]+)/i.exec(cert.stdout)?.[1] ?? (ctx.dryRun ? '<fingerprint>' : '');
                if (!fp) throw new WorkError('cannot read the PBS certificate fingerprint', { stderrTail: cert.stdout + cert.stderr });
                // Added disabled: PVE would otherwise activate it at once, before the password file
                // exists (and `pvesm add` without --password deletes that file). The secret never
                // goes on a command line.
                await host.run(
                  ['pvesm', 'add', 'pbs', PBS_STORAGE_ID, '--server', '127.0.0.1', '--datastore', datastore, '--username', authId, '--fingerprint', fp, '--disable', '1'],
                  { label: 'add PBS storage to PVE (disabled until its password is in place)' },
                );
              }
              await host.writeFile(PBS_PASSWORD_FILE, secret, { mode: 0o600, secret: true, label: 'PBS token secret for PVE' });
              await host.run(['pvesm', 'set', PBS_STORAGE_ID, '--disable', '0'], { label: 'enable the PBS storage' });
            },
          }),
          step({
            title: 'Schedule nightly backups of the three guests',
            done: async (ctx) => {
              const jobs = await pveshGet<Array<{ id: string; vmid?: string }>>(ctx.host, '/cluster/backup').catch(() => []);
              const ids = Object.values(facts(ctx).vmids).join(',');
              const job = jobs.find((j) => j.id === BACKUP_JOB_ID);
              return job && job.vmid === ids ? 'already scheduled' : false;
            },
            run: async (ctx) => {
              const ids = Object.values(facts(ctx).vmids).join(',');
              const jobs = await pveshGet<Array<{ id: string }>>(ctx.host, '/cluster/backup').catch(() => []);
              const verb = jobs.some((j) => j.id === BACKUP_JOB_ID) ? 'set' : 'create';
              const path = verb === 'set' ? `/cluster/backup/${BACKUP_JOB_ID}` : '/cluster/backup';
              await ctx.host.run(
                ['pvesh', verb, path, ...(verb === 'create' ? ['--id', BACKUP_JOB_ID] : []), '--schedule', '02:30', '--storage', PBS_STORAGE_ID, '--vmid', ids, '--mode', 'snapshot', '--enabled', '1', '--comment', `netsetup-wizard: ${ctx.plan.domain}`],
                { label: 'schedule backups' },
              );
            },
          }),
        ],
        { concurrent: false, exitOnError: true },
      ),
  };
}
