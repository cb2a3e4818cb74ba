// @ts-nocheck
// The options every task list of the wizard runs with: progress on stderr (stdout stays for
// data), the renderer from getRenderer, and one owner for Ctrl-C (ours, not listr2's).
import { ListrLogger, ProcessOutput } from 'listr2';
import type { RendererName } from './getRenderer.js';

export function listrOptions<Ctx>(ctx: Ctx, renderer: RendererName, stream: NodeJS.WriteStream) {
  const logger = new ListrLogger({ processOutput: new ProcessOutput(stream, stream), useIcons: renderer !== 'test' });
  return {
    ctx,
    renderer,
    fallbackRenderer: 'simple' as const,
    exitOnError: true,
    registerSignalListeners: false,
    collectErrors: false as const,
    rendererOptions: { logger, collapseSubtasks: false, collapseSkips: false, showErrorMessage: false },
    fallbackRendererOptions: { logger },
  };
}
