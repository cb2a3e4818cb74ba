// @ts-nocheck
// Proxmox Backup Server on the host (SPEC §3 step 2): repository, package, datastore, service,
// registration as PVE storage, nightly backups of the three guests.
import type { ListrTask } from 'listr2';
import { WorkError } from '../cli/errors.js';
import { pveshGet } from '../host/pvesh.js';
import { facts, type InstallCtx } from './context.js';
import { pruneBackups } from '../schema/answers.js';
import { disableEnterprise, namesRepo, noSubscriptionRepo } from './release.js';
import { step, streamTo, waitFor } from './step.js';

export const PBS_STORAGE_ID = 'netsetup-pbs';
export const PBS_TOKEN = { user: 'root@pam', name: 'netsetup' };
export const BACKUP_JOB_ID = 'netsetup-nightly';
export const PBS_PASSWORD_FILE = `/etc/pve/priv/storage/${PBS_STORAGE_ID}.pw`;

export const PRUNE_JOB_ID = 'netsetup-prune';
export const VERIFY_JOB_ID = 'netsetup-verify';
/** proxmox-backup-server ships this enterprise list (debian/proxmox-backup-server.install); .sources on PBS 4. */
const PBS_ENTERPRISE = ['/etc/apt/sources.list.d/pbs-enterprise.sources', '/etc/apt/sources.list.d/pbs-enterprise.list'];

/**
 * `proxmox-backup-manager user generate-token` calls the API method directly: it takes no
 * --output-format and prints `Result: ` followed by pretty JSON {"tokenid", "value"}
 * (proxmox-backup src/bin/proxmox_backup_manager/user.rs, docs/user-management.rst).
 */
export function parseTokenResult(stdout: string): { tokenid?: string; value?: string } | undefined {
  const at = stdout.indexOf('Result:');
  if (at < 0) return undefined;
  try {
    return JSON.parse(stdout.slice(at + 'Result:'.length)) as { tokenid?: string; value?: string };
  } catch {
    return undefined;
  }
}

interface Job { id: string; store?: string; schedule?: string; [k: string]: unknown }

async function pbsJobs(ctx: InstallCtx, kind: 'prune-job' | 'verify-job'): Promise<Job[]> {
  const r = await ctx.host.run(['proxmox-backup-manager', kind, 'list', '--output-format', 'json'], { readOnly: true, allowFailure: true });
  if (r.exit !== 0) return [];
  try {
    return JSON.parse(r.stdout || '[]') as Job[];
  } catch {
    return [];
  }
}

/** Options a PBS job must have; the ones that differ from `job` (all of them when absent). */
function jobDiff(job: Job | undefined, want: Record<string, string>): string[] {
  return Object.entries(want).flatMap(([k, v]) => (job && String(job[k] ?? '') === v ? [] : [`--${k}`, v]));
}

async function pkgInstalled(ctx: InstallCtx, pkg: string): Promise<boolean> {
  const r = await ctx.host.run(['dpkg-query', '-W', '-f=${Status}', pkg], { readOnly: true, allowFailure: true });
  return r.exit === 0 && r.stdout.includes('install ok installed');
}

function pbsJobWants(ctx: InstallCtx): { prune: Record<string, string>; verify: Record<string, string> } {
  const { datastore, keep, pruneSchedule, verifySchedule } = ctx.plan.answers.pbs;
  const prune: Record<string, string> = { store: datastore, schedule: pruneSchedule };
  for (const [k, v] of Object.entries(keep)) if (v !== undefined) prune[`keep-${k}`] = String(v);
  // re-verify each snapshot after 30 days; new ones are verified once
  return { prune, verify: { store: datastore, schedule: verifySchedule, 'ignore-verified': '1', 'outdated-after': '30' } };
}

/** The backup job's options that differ from `job` (all of them for a new job). */
function backupJobDiff(ctx: InstallCtx, job: Record<string, unknown> | undefined): string[] {
  const want: Record<string, string> = {
    schedule: ctx.plan.answers.pbs.backupSchedule,
    storage: PBS_STORAGE_ID,
    vmid: Object.values(facts(ctx).vmids).join(','),
    mode: 'snapshot',
    'prune-backups': pruneBackups(ctx.plan.answers.pbs.keep),
    enabled: '1',
    comment: `netsetup-wizard: ${ctx.plan.domain}`,
  };
  return Object.entries(want).flatMap(([k, v]) => (job && String(job[k] ?? '') === v ? [] : [`--${k}`, v]));
}

async function checkStorageActive(ctx: InstallCtx): Promise<void> {
  const r = await ctx.host.run(['pvesm', 'status', '--storage', PBS_STORAGE_ID], { readOnly: true, allowFailure: true });
  const row = r.stdout.split('\n').find((l) => l.split(/\s+/)[0] === PBS_STORAGE_ID);
  const status = row?.split(/\s+/)[2];
  if (r.exit !== 0 || status !== 'active') {
    throw new WorkError(`PVE storage ${PBS_STORAGE_ID} is ${status ?? 'not listed'} after it was enabled (pvesm status)`, { stderrTail: r.stdout + r.stderr });
  }
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
              const repo = noSubscriptionRepo(facts(ctx).release, 'pbs');
              for (const f of ['/etc/apt/sources.list', repo.path, '/etc/apt/sources.list.d/pbs.list', '/etc/apt/sources.list.d/pbs.sources']) {
                const text = await ctx.host.readFile(f);
                if (text && namesRepo(text, 'pbs')) return `already configured in ${f}`;
              }
              return false;
            },
            run: async (ctx) => {
              const repo = noSubscriptionRepo(facts(ctx).release, 'pbs');
              await ctx.host.writeFile(repo.path, repo.content, { label: 'PBS no-subscription repository' });
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
            title: 'Turn off the pbs-enterprise repository the package added (no subscription)',
            done: async (ctx) => {
              for (const f of PBS_ENTERPRISE) {
                const text = await ctx.host.readFile(f);
                if (text && disableEnterprise(f, text)) return false;
              }
              return 'nothing enabled without a subscription';
            },
            run: async (ctx) => {
              for (const f of PBS_ENTERPRISE) {
                const text = await ctx.host.readFile(f);
                const off = text ? disableEnterprise(f, text) : undefined;
                if (off) await ctx.host.writeFile(f, off, { label: `${f} turned off` });
              }
            },
          }),
          step({
            title: `Create datastore ${_ctx.plan.answers.pbs.datastore} (garbage collection ${_ctx.plan.answers.pbs.gcSchedule})`,
            done: async (ctx) => {
              const r = await ctx.host.run(['proxmox-backup-manager', 'datastore', 'list', '--output-format', 'json'], { readOnly: true, allowFailure: true });
              if (r.exit !== 0) return false;
              const list = JSON.parse(r.stdout || '[]') as Array<{ name: string; path?: string; 'gc-schedule'?: string }>;
              const ds = list.find((d) => d.name === ctx.plan.answers.pbs.datastore);
              return ds && ds['gc-schedule'] === ctx.plan.answers.pbs.gcSchedule ? `exists at ${ds.path ?? '?'}` : false;
            },
            run: async (ctx, t) => {
              const { datastore, path, gcSchedule, minFreeGiB } = ctx.plan.answers.pbs;
              const r = await ctx.host.run(['proxmox-backup-manager', 'datastore', 'list', '--output-format', 'json'], { readOnly: true, allowFailure: true });
              const exists = r.exit === 0 && (JSON.parse(r.stdout || '[]') as Array<{ name: string }>).some((d) => d.name === datastore);
              if (exists) {
                await ctx.host.run(['proxmox-backup-manager', 'datastore', 'update', datastore, '--gc-schedule', gcSchedule], { label: 'set garbage collection schedule' });
                return;
              }
              // Backups that fill the host's disk stop the host: refuse a datastore without room.
              // df needs an existing path: the nearest existing folder above the datastore's
              const parents = path.split('/').filter(Boolean).map((_, i, a) => `/${a.slice(0, a.length - 1 - i).join('/')}`);
              let df = { exit: 1, stdout: '', stderr: '' };
              let parent = '/';
              for (parent of parents) {
                df = await ctx.host.run(['df', '-B1', '--output=avail', parent], { readOnly: true, allowFailure: true });
                if (df.exit === 0) break;
              }
              const avail = Number(df.stdout.trim().split('\n').pop());
              if (!ctx.dryRun && (df.exit !== 0 || !Number.isFinite(avail))) throw new WorkError(`cannot read the free space of ${parent} (df): ${df.stderr.trim()}`);
              if (!ctx.dryRun && avail < minFreeGiB * 1024 ** 3) {
                throw new WorkError(`only ${(avail / 1024 ** 3).toFixed(1)} GiB free on the file system of ${path}; the datastore needs at least ${minFreeGiB} GiB (pbs.minFreeGiB)`, {
                  advice: 'Free space there, choose another pbs.path on a larger disk, or lower pbs.minFreeGiB in the answers, then run again.',
                });
              }
              t.output = ctx.dryRun ? '' : `${(avail / 1024 ** 3).toFixed(1)} GiB free`;
              await ctx.host.run(['proxmox-backup-manager', 'datastore', 'create', datastore, path, '--gc-schedule', gcSchedule], streamTo(ctx, t, 'create datastore'));
            },
          }),
          step({
            title: `Prune job ${PRUNE_JOB_ID} (${_ctx.plan.answers.pbs.pruneSchedule}) and verify job ${VERIFY_JOB_ID} (${_ctx.plan.answers.pbs.verifySchedule})`,
            done: async (ctx) => {
              const want = pbsJobWants(ctx);
              const prune = (await pbsJobs(ctx, 'prune-job')).find((j) => j.id === PRUNE_JOB_ID);
              const verify = (await pbsJobs(ctx, 'verify-job')).find((j) => j.id === VERIFY_JOB_ID);
              return prune && verify && !jobDiff(prune, want.prune).length && !jobDiff(verify, want.verify).length ? 'already scheduled' : false;
            },
            run: async (ctx) => {
              const want = pbsJobWants(ctx);
              for (const [kind, id, w] of [['prune-job', PRUNE_JOB_ID, want.prune], ['verify-job', VERIFY_JOB_ID, want.verify]] as const) {
                const job = (await pbsJobs(ctx, kind)).find((j) => j.id === id);
                const diff = jobDiff(job, w);
                if (job && diff.length === 0) continue;
                await ctx.host.run(['proxmox-backup-manager', kind, job ? 'update' : 'create', id, ...(job ? diff : jobDiff(undefined, w))], { label: `${job ? 'update' : 'create'} ${kind} ${id}` });
              }
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
              const tokenArgv = ['proxmox-backup-manager', 'user', 'generate-token', PBS_TOKEN.user, PBS_TOKEN.name];
              let gen = await host.run(tokenArgv, { label: 'create API token', allowFailure: true, secretOutput: true });
              if (gen.exit !== 0 && /exists/i.test(gen.stderr)) {
                await host.run(['proxmox-backup-manager', 'user', 'delete-token', PBS_TOKEN.user, PBS_TOKEN.name], { label: 'replace old API token' });
                gen = await host.run(tokenArgv, { label: 'create API token', secretOutput: true });
              } else if (gen.exit !== 0) {
                throw new WorkError(`cannot create the PBS API token: ${gen.stderr.trim()}`, { stderrTail: gen.stderr });
              }
              const secret = ctx.dryRun ? '' : String(parseTokenResult(gen.stdout)?.value ?? '');
              if (!ctx.dryRun && !secret) throw new WorkError('proxmox-backup-manager printed no token secret (expected "Result: {...}")');
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
              // `pvesm set --disable 0` only edits storage.cfg: whether PVE can use it shows in pvesm status
              if (!ctx.dryRun) await checkStorageActive(ctx);
            },
          }),
          step({
            title: `PBS storage ${PBS_STORAGE_ID} active`,
            verifyOnly: true,
            run: async (ctx) => {
              if (!ctx.dryRun) await checkStorageActive(ctx);
            },
          }),
          step({
            title: `Schedule backups of the three guests (${_ctx.plan.answers.pbs.backupSchedule}, ${pruneBackups(_ctx.plan.answers.pbs.keep)})`,
            done: async (ctx) => {
              const jobs = await pveshGet<Array<Record<string, unknown> & { id: string }>>(ctx.host, '/cluster/backup').catch(() => []);
              const job = jobs.find((j) => j.id === BACKUP_JOB_ID);
              return job && backupJobDiff(ctx, job).length === 0 ? 'already scheduled' : false;
            },
            run: async (ctx) => {
              const jobs = await pveshGet<Array<Record<string, unknown> & { id: string }>>(ctx.host, '/cluster/backup').catch(() => []);
              const job = jobs.find((j) => j.id === BACKUP_JOB_ID);
              // an existing job is updated in place (PUT /cluster/backup/{id}), only what differs
              const argv = job
                ? ['pvesh', 'set', `/cluster/backup/${BACKUP_JOB_ID}`, ...backupJobDiff(ctx, job)]
                : ['pvesh', 'create', '/cluster/backup', '--id', BACKUP_JOB_ID, ...backupJobDiff(ctx, undefined)];
              await ctx.host.run(argv, { label: job ? 'update the backup job' : 'schedule backups' });
            },
          }),
        ],
        { concurrent: false, exitOnError: true },
      ),
  };
}
