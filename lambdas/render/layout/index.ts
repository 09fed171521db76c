// The pure layout: document model → pages of positioned items on the GB/T 9704 grid.
// No pdfkit, no fonts, no I/O: text is measured only through the Measure passed in.
import type { DocumentModel } from '../model.js';
import { LayoutError } from './errors.js';
import { buildFlow } from './flow.js';
import { qrItem, setMasthead } from './masthead.js';
import { memoMeasure } from './measure.js';
import { resolveLayoutOptions, type LayoutOptions, type ResolvedLayoutOptions } from './options.js';
import { paginate, type PagePlan } from './page.js';
import { drawPage, finishPage, pageNumberItem, imprintFits, imprintPlacement, type PageContent } from './page-draw.js';
import { imprintSlot } from './imprint.js';
import { retitled, titleLineTexts } from './title.js';
import type { Typesetter } from './typeset.js';
import type { Item, Layout, Line, Measure, Page } from './types.js';

export type { LayoutOptions } from './options.js';
export { NO_START, NO_END } from './kinsoku.js';
export { checkFit } from './fit.js';
export { justificationViolations } from './justify.js';
export { retitled, titleLineTexts, titleNameViolations, titleShapeViolations } from './title.js';
export * from './geometry.js';
export type * from './types.js';

export function layoutDocument(model: DocumentModel, measure: Measure, options?: LayoutOptions): Layout {
  const opts = resolveLayoutOptions(options);
  const ts: Typesetter = {
    measure: memoMeasure(measure),
    breaking: { punctuation: opts.punctuation, orphanControl: opts.orphanControl },
  };
  const chosen = layOut(model, ts, opts);
  // TITLE-6: a title the rules set in more lines than it needs must not cost a page; the best
  // choice in the fewest lines is laid out instead when it saves one.
  const title = model.blocks.find((b) => b.kind === 'title');
  if (chosen.pages.length === 1 || title?.kind !== 'title') return chosen;
  const fewest = titleLineTexts(title.lines, ts.measure, true, undefined, title.names);
  const index = model.blocks.indexOf(title);
  if (fewest.length >= chosen.pages[0]!.lines.filter((l) => l.block === index).length) return chosen;
  const shorter = layOut(retitled(model, fewest), ts, opts);
  return shorter.pages.length < chosen.pages.length ? shorter : chosen;
}

function layOut(model: DocumentModel, ts: Typesetter, opts: ResolvedLayoutOptions): Layout {
  const flow = buildFlow(model.blocks, model.format, ts, opts.seal);
  const masthead = setMasthead(flow.masthead, model.format, ts);
  // The 版记 closes the flow on the last page (FIT-4). In duplex print it must be on an even
  // page: when the fitted flow ends it on an odd one, it goes on the back (an added page) instead.
  let plans: PagePlan[] = paginate(flow.imprint ? [...flow.slots, imprintSlot(flow.imprint.block, flow.imprint.set)] : flow.slots, masthead.firstLine);
  let separateImprint = false;
  if (flow.imprint && opts.duplex && plans.length % 2 === 1) {
    plans = paginate(flow.slots, masthead.firstLine);
    separateImprint = true;
  }
  const contents: PageContent[] = plans.map(drawPage);

  const first = plans[0]!;
  if (flow.slots.some((s) => s.body) && !first.placed.some((p) => p.slot.body)) {
    throw new LayoutError('page 1 carries no body text (GB/T 9704 requires it): shorten the title or the 主送机关, or move the 主送机关 into the 版记');
  }
  const head: Item[] = [...masthead.items];
  if (model.qr) head.push(qrItem(model.qr, model.format));
  contents[0] = { ...contents[0]!, items: [...head, ...contents[0]!.items], lines: [...masthead.lines, ...contents[0]!.lines] };

  let unnumbered = 0;
  if (flow.imprint && separateImprint) {
    const last = contents[contents.length - 1]!;
    const where = imprintPlacement(contents.length, imprintFits(last, flow.imprint.set), opts.duplex);
    for (let i = 0; i < where.added; i++) contents.push({ items: [], lines: [], bottom: -Infinity });
    const placed = flow.imprint.set.place();
    const target = contents[where.page]!;
    contents[where.page] = { items: [...target.items, ...placed.items], lines: [...target.lines, ...placed.lines], bottom: placed.bottom };
    unnumbered = where.unnumbered;
  }

  const pages: Page[] = contents.map((c, i) => {
    // 信函格式 shows no number on page 1; later pages count it.
    const number = i >= contents.length - unnumbered || (i === 0 && model.format === 'letter') ? null : i + 1;
    const items: Item[] = number === null ? c.items : [...c.items, pageNumberItem(number, ts.measure)];
    const lines: Line[] = c.lines;
    return finishPage(number, items, lines);
  });
  return { pages };
}
