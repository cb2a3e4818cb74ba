// @ts-nocheck
// Print the HTML checklist to PDF (and screenshot it) with headless Chromium, Debian's
// /usr/bin/chromium. A throwaway profile per run; nothing is fetched (the HTML is
// self-contained and the background services are switched off).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_INSTALL_HINT = 'apt install chromium   (or write --format html and print it from any browser)';

/** The Chromium to use: NETSETUP_CHROMIUM (tests) or /usr/bin/chromium; undefined when absent. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const p = env.NETSETUP_CHROMIUM?.trim() || CHROMIUM;
  return existsSync(p) ? p : undefined;
}

export function headlessArgs(profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${profileDir}`,
  ];
}

function run(chromium: string, args: string[], timeoutMs: number): Promise<{ stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(chromium, args, { timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(Object.assign(new Error(`chromium failed: ${err.message.split('\n')[0]}`), { stderr }));
      else resolvePromise({ stderr });
    });
  });
}

async function withPage<T>(html: string, work: (url: string, profile: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'netsetup-print-'));
  try {
    const file = join(dir, 'handover.html');
    writeFileSync(file, html);
    return await work(pathToFileURL(file).href, join(dir, 'profile'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** HTML → A4 PDF at `outFile` (the page size comes from the HTML's @page rule). */
export async function printPdf(html: string, outFile: string, opts: { chromium?: string; timeoutMs?: number } = {}): Promise<void> {
  const chromium = opts.chromium ?? CHROMIUM;
  const out = resolve(outFile);
  rmSync(out, { force: true });
  await withPage(html, async (url, profile) => {
    const { stderr } = await run(chromium, [...headlessArgs(profile), '--no-pdf-header-footer', `--print-to-pdf=${out}`, url], opts.timeoutMs ?? 90_000);
    if (!existsSync(out) || readFileSync(out).subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw Object.assign(new Error('chromium wrote no PDF'), { stderr });
    }
  });
}

/** HTML → PNG of the top of the page (width × height CSS pixels). */
export async function screenshotHtml(html: string, pngFile: string, opts: { chromium?: string; width?: number; height?: number; timeoutMs?: number } = {}): Promise<void> {
  const chromium = opts.chromium ?? CHROMIUM;
  const out = resolve(pngFile);
  rmSync(out, { force: true });
  await withPage(html, async (url, profile) => {
    await run(chromium, [...headlessArgs(profile), '--hide-scrollbars', `--window-size=${opts.width ?? 1240},${opts.height ?? 1754}`, `--screenshot=${out}`, url], opts.timeoutMs ?? 90_000);
    if (!existsSync(out)) throw new Error('chromium wrote no screenshot');
  });
}
