// @ts-nocheck
// renderHandover(state, verify?, format): the handover checklist of a provisioned site as
// text, Markdown or HTML. Pure; PDF printing (headless Chromium) lives in handoverPdf.ts.
import type { SiteState } from '../tasks/siteState.js';
import type { VerifyReport } from '../verify/types.js';
import { buildHandover, type HandoverOptions } from './handoverModel.js';
import { renderHandoverText } from './handoverText.js';
import { renderHandoverMarkdown } from './handoverMarkdown.js';
import { renderHandoverHtml } from './handoverHtml.js';

export type HandoverFormat = 'text' | 'md' | 'html';
export { buildHandover, type Handover, type HandoverOptions, type Section, type Block } from './handoverModel.js';

export function renderHandover(state: SiteState, verify: VerifyReport | undefined, format: HandoverFormat, opts: Omit<HandoverOptions, 'verify'> = {}): string {
  const h = buildHandover(state, { ...opts, verify });
  switch (format) {
    case 'text':
      return renderHandoverText(h);
    case 'md':
      return renderHandoverMarkdown(h);
    case 'html':
      return renderHandoverHtml(h);
  }
}
