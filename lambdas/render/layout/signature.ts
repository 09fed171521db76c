// 发文机关署名, 成文日期 and 印章 (§2.1, §2.3). Sealed: 署名 on the third grid line after the
// last body line (later if a large seal needs it), the date on the next, its right edge 4 cells
// inside the block, the 署名 centred on it; the seal centred on the date with its horizontal
// diameter on the 署名's em top, so 署名 and date sit in its lower half (居印章中心偏下) and its
// top stays within one line below the body. Unsealed: one blank line, 署名 2 cells in from the
// right, the date 2 cells right of the 署名's start. Both lines are off the 28-cell grid: set solid.
// On a page being fitted the sealed 署名 moves up to the seal's clearance (FIT-1 in docs/layout.md).
import type { Item, SealItem } from './types.js';
import { BLOCK_RIGHT, BLOCK_TOP, BLOCK_WIDTH, BODY_SIZE, EPS, LINE_PITCH, MM, SEALED_DATE_INDENT, UNSEALED_INDENT } from './geometry.js';
import { LayoutError } from './errors.js';
import { emitLine, type SetLine } from './runs.js';
import type { Slot } from './slot.js';
import { setText, type Typesetter } from './typeset.js';

export interface SignatureBlock {
  issuer: string;
  date: string;
  sealed: boolean;
}

function oneLine(text: string, what: string, block: number, ts: Typesetter): { set: SetLine; width: number } {
  const lines = setText(text, { width: BLOCK_WIDTH, firstIndent: 0, indent: 0 }, ts, 'body', BODY_SIZE);
  const set = lines[0];
  if (!set || lines.length > 1) throw new LayoutError(`<signature> #${block + 1}: the ${what} “${text}” must fit on one line of the block`);
  return { set, width: set.placed.reduce((w, p) => w + p.width, 0) };
}

/**
 * Blank grid lines between the last body line and a sealed 署名: two (CHOICE), or more when the
 * seal, its centre on the 署名's em top, would otherwise reach up into the body (a 60 mm seal).
 */
function sealedBlankLines(diameter: number): number {
  return Math.max(2, Math.ceil((diameter / 2 + BODY_SIZE) / LINE_PITCH - EPS) - 1);
}

/**
 * FIT-1: on a page being fitted the sealed 署名 moves up until the seal's top is this far under
 * the last body line's em bottom (1 mm, or less if the grid position already leaves less).
 */
const SEAL_CLEARANCE = MM;

/**
 * One slot holding the blank lines, the 署名 and the date; it stays on the page of the last
 * body line. `seal` is null when no seal will be drawn: then the unsealed layout applies.
 */
export function signatureSlot(block: number, sig: SignatureBlock, seal: { diameter: number } | null, ts: Typesetter): Slot {
  const issuer = oneLine(sig.issuer, '署名', block, ts);
  const date = oneLine(sig.date, '成文日期', block, ts);
  const sealed = sig.sealed && seal !== null;
  let issuerLeft: number;
  let dateLeft: number;
  if (sealed) {
    dateLeft = BLOCK_RIGHT - SEALED_DATE_INDENT - date.width;
    issuerLeft = Math.min(dateLeft + date.width / 2 - issuer.width / 2, BLOCK_RIGHT - issuer.width);
  } else {
    issuerLeft = BLOCK_RIGHT - UNSEALED_INDENT - issuer.width;
    dateLeft = issuerLeft + UNSEALED_INDENT;
    if (dateLeft + date.width > BLOCK_RIGHT - UNSEALED_INDENT) {
      dateLeft = BLOCK_RIGHT - UNSEALED_INDENT - date.width;
      issuerLeft = dateLeft - UNSEALED_INDENT;
    }
  }
  // Sealed: two blank lines (more for a large seal), 署名, date. Unsealed: one blank line, 署名, date.
  const issuerLine = sealed && seal ? sealedBlankLines(seal.diameter) : 1;
  const radius = sealed && seal ? seal.diameter / 2 : 0;
  const clearance = Math.min(SEAL_CLEARANCE, (issuerLine + 1) * LINE_PITCH - radius - BODY_SIZE);
  /**
   * `top` is the em top of the first blank line; the last body line's em bottom is one pitch above
   * it plus the body size. The seal's top never rises above the block (a page with no body above).
   */
  const issuerTopAt = (top: number, pitch: number, fit: number) => {
    if (!sealed) return top + issuerLine * pitch;
    return Math.max(fit >= 1 ? top - pitch + BODY_SIZE + clearance + radius : top + issuerLine * pitch, BLOCK_TOP + radius);
  };
  const extent = (top: number, pitch: number, fit: number) => {
    const issuerTop = issuerTopAt(top, pitch, fit);
    return Math.max(issuerTop + pitch + BODY_SIZE, issuerTop + radius);
  };
  return {
    block,
    lines: issuerLine + 2,
    blank: false,
    keepWithNext: false,
    keepWithPrevious: true,
    extent,
    place(top, pitch, fit = 0) {
      const issuerTop = issuerTopAt(top, pitch, fit);
      const dateTop = issuerTop + pitch;
      const a = emitLine(issuer.set, block, issuerLeft, issuerTop, 'black', ts.measure);
      const b = emitLine(date.set, block, dateLeft, dateTop, 'black', ts.measure);
      const items: Item[] = [...a.items, ...b.items];
      if (sealed && seal)
        items.push({ kind: 'seal', cx: dateLeft + date.width / 2, cy: issuerTop, diameter: seal.diameter, issuer: sig.issuer } satisfies SealItem);
      return { items, lines: [a.line, b.line], bottom: extent(top, pitch, fit) };
    },
  };
}
