// Blocks → the 版头 on page 1, a stream of slots for the grid, and the 版记 for the last page.
// The blank lines the element rules ask for (标题下空一行, 附件说明 one line below the body,
// two blank lines before a sealed 署名) are slots too, so the page builder can drop them at a page top.
import type { Block, DocumentFormat, FontRole } from '../model.js';
import { BLOCK_LEFT, BLOCK_WIDTH, BODY_SIZE, PARAGRAPH_INDENT } from './geometry.js';
import { LayoutError } from './errors.js';
import type { MastheadBlocks } from './masthead.js';
import { setImprint, type SetImprint } from './imprint.js';
import type { SetLine } from './runs.js';
import { segmentText, solidWidth } from './segment.js';
import { signatureSlot } from './signature.js';
import { blankSlot, lineSlot, type Slot } from './slot.js';
import { tableSlots } from './table.js';
import { setTitle } from './title.js';
import { setOnce, setSpans, setText, setUnits, type Typesetter } from './typeset.js';

export interface Flow {
  masthead: MastheadBlocks;
  slots: Slot[];
  imprint?: { block: number; set: SetImprint };
}

const HEADING_ROLE: Record<1 | 2 | 3 | 4, FontRole> = { 1: 'heading', 2: 'kai', 3: 'body', 4: 'body' };
const body = { width: BLOCK_WIDTH, firstIndent: PARAGRAPH_INDENT, indent: 0 };
const flush = { width: BLOCK_WIDTH, firstIndent: 0, indent: 0 };

/** 附件说明: `附件：` then the names; several are numbered `1.` `2.`, each name's wrapped lines aligned with its first character. */
function attachmentLines(items: readonly string[], ts: Typesetter): SetLine[] {
  const label = '附件：';
  const labelWidth = solidWidth(segmentText(label, 'body', BODY_SIZE, ts.measure));
  const numbered = items.length > 1;
  return items.flatMap((name, i) => {
    const number = numbered ? `${i + 1}.` : '';
    const numberWidth = number ? solidWidth(segmentText(number, 'body', BODY_SIZE, ts.measure)) : 0;
    const text = (i === 0 ? label : '') + number + name;
    const frame = {
      width: BLOCK_WIDTH,
      firstIndent: PARAGRAPH_INDENT + (i === 0 ? 0 : labelWidth),
      indent: PARAGRAPH_INDENT + labelWidth + numberWidth,
    };
    // The text and the frame are all the lines depend on: set once per process.
    return setOnce(ts, `attachment|${frame.firstIndent}|${frame.indent}|${text}`, () =>
      setUnits(segmentText(text, 'body', BODY_SIZE, ts.measure, BLOCK_WIDTH - frame.indent), frame, ts, 'body', BODY_SIZE),
    );
  });
}

const always = () => true;
const never = () => false;
/**
 * A paragraph's first line never ends a page (no orphan) and its last line never opens one
 * alone (no widow, §3.4.4 of clreq): the first line keeps with the second, the last but one
 * with the last. A paragraph of two or three lines thus moves whole.
 */
const noOrphanOrWidow = (line: number, count: number) => count > 1 && (line === 0 || line === count - 2);

/** A 版头 block (份号, 发文机关标志, 发文字号): each once, and before the title and the body. */
function addMasthead(masthead: MastheadBlocks, b: Extract<Block, { kind: keyof MastheadBlocks }>, i: number, afterBody: boolean): void {
  const where = `<${b.kind}> #${i + 1}`;
  if (afterBody) throw new LayoutError(`${where}: the 版头 (份号, 发文机关标志, 发文字号) must come before the title and the body`);
  if (masthead[b.kind])
    throw new LayoutError(`${where}: a document has one ${b.kind === 'copyNumber' ? '份号' : b.kind === 'header' ? '发文机关标志' : '发文字号'}`);
  masthead[b.kind] = { block: i, text: b.text };
}

/** A title's lines. setTitle reads only the lines and the measure: the same title is set once per process. */
function titleLines(b: Extract<Block, { kind: 'title' }>, ts: Typesetter): SetLine[] {
  return setOnce(ts, `title|${b.lines.join('\u0001')}|${(b.names ?? []).join('\u0001')}`, () => setTitle(b.lines, ts.measure, undefined, b.names));
}

export function buildFlow(blocks: readonly Block[], format: DocumentFormat, ts: Typesetter, seal: { diameter: number } | null): Flow {
  const masthead: MastheadBlocks = {};
  const slots: Slot[] = [];
  let imprint: Flow['imprint'];
  let imprints = 0;
  let tables = 0;
  /** `keep`: which lines must share a page with the line after them. */
  const lines = (block: number, sets: SetLine[], keep: (line: number, count: number) => boolean, body: boolean, keepWithPrevious = false) => {
    sets.forEach((set, k) => slots.push({ ...lineSlot(block, set, BLOCK_LEFT, ts.measure, keep(k, sets.length)), keepWithPrevious, body }));
  };

  blocks.forEach((b, i) => {
    switch (b.kind) {
      case 'copyNumber':
      case 'header':
      case 'number':
        addMasthead(masthead, b, i, slots.length > 0);
        break;
      case 'title':
        lines(i, titleLines(b, ts), always, false);
        slots.push(blankSlot(i, 1, true));
        break;
      case 'to':
        lines(i, setText(b.text, flush, ts, 'body', BODY_SIZE), never, false);
        break;
      case 'paragraph':
        lines(i, setSpans(b.spans, body, ts, 'body', BODY_SIZE), noOrphanOrWidow, true);
        break;
      case 'heading':
        lines(i, setText(b.text, body, ts, HEADING_ROLE[b.level], BODY_SIZE), always, true);
        break;
      case 'table':
        slots.push(...tableSlots(i, b.widths, b.rows, ts, tables++));
        break;
      case 'attachments':
        slots.push(blankSlot(i));
        lines(i, attachmentLines(b.items, ts), never, true);
        break;
      case 'signature':
        slots.push(signatureSlot(i, b, seal, ts));
        break;
      case 'note':
        // 附注 sits on the line after the 成文日期 and stays on its page.
        lines(i, setText(b.text, body, ts, 'body', BODY_SIZE), never, false, blocks[i - 1]?.kind === 'signature');
        break;
      case 'imprint':
        if (imprints++ > 0) throw new LayoutError(`<imprint> #${i + 1}: a document has one 版记`);
        {
          const set = setImprint(i, b, format, ts);
          if (set) imprint = { block: i, set };
        }
        break;
    }
  });
  return { masthead, slots, ...(imprint ? { imprint } : {}) };
}
