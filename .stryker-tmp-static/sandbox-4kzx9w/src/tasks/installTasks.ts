// @ts-nocheck
// The whole provisioning as one listr2 list: preflight, then PBS, the PMG container and the two
// NixOS VMs side by side, then DKIM read-back and the site state.
import { Listr } from 'listr2';
import { listrOptions } from './listrOptions.js';
import type { InstallCtx } from './context.js';
import { preflightTask } from './preflightTask.js';
import { pbsTask } from './pbsTask.js';
import { pmgTask } from './pmgTask.js';
import { nixosVmTask } from './nixosVmTask.js';
import { imageTask } from './imageTask.js';
import { dkimTask } from './dkimTask.js';
import { siteStateTask } from './siteState.js';
import type { RendererName } from './getRenderer.js';

export function buildInstallList(ctx: InstallCtx, renderer: RendererName, stream: NodeJS.WriteStream = process.stderr): Listr<InstallCtx> {
  return new Listr<InstallCtx, any, any>(
    [
      preflightTask(),
      {
        title: 'Prepare the site configuration for the VMs',
        enabled: (c) => c.prepareSiteFiles !== undefined,
        task: async (c) => {
          c.siteFiles = await c.prepareSiteFiles!(c.host);
        },
      },
      {
        title: 'Provision PBS, the PMG container and the NixOS VMs',
        task: (c, task) =>
          task.newListr(
            [
              pbsTask(),
              pmgTask(),
              {
                title: 'NixOS images and VMs',
                task: (c2, t2) =>
                  t2.newListr(
                    [
                      imageTask(),
                      {
                        title: 'NixOS VMs',
                        task: (c3, t3) => t3.newListr([nixosVmTask('dns'), nixosVmTask('mail')], { concurrent: !c3.dryRun, exitOnError: false }),
                      },
                    ],
                    { concurrent: false, exitOnError: true },
                  ),
              },
            ],
            // Each branch keeps going when a sibling fails (independent work is not thrown away);
            // the first failure is raised below once all have stopped. The dry run lists commands
            // in a stable order, so it runs the branches one by one.
            { concurrent: !c.dryRun, exitOnError: false },
          ),
      },
      {
        title: 'Check that every branch finished',
        task: (c) => {
          if (c.failures.length > 0) throw c.failures[0];
        },
      },
      dkimTask(),
      siteStateTask(),
    ],
    listrOptions(ctx, renderer, stream),
  );
}
