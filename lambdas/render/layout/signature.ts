// 发文机关署名, 成文日期 and 印章 (§2.1, §2.3). Sealed: 署名 on the third grid line after the
// last body line, the date on the next, its right edge 4 cells inside the block, the 署名
// centred on it, the seal centred on the date 3 mm above the pair's midpoint. Unsealed: one
// blank line, 署名 2 cells in from the right, the date 2 cells right of the 署名's start.
import type { Item, SealItem } from './types.js';
import { BLOCK_RIGHT, BLOCK_WIDTH, BODY_SIZE, MIN_TIGHT_PITCH, SEALED_DATE_INDENT, SEAL_LIFT, UNSEALED_INDENT } from './geometry.js';
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

/** The lowest pitch at which a seal of this diameter still clears the last body line (§2.3 rule 4). */
export function sealMinPitch(diameter: number): number {
  return (BODY_SIZE / 2 + SEAL_LIFT + diameter / 2) / 3.5;
}

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
  // Sealed: two blank lines, 署名, date. Unsealed: one blank line, 署名, date.
  const issuerLine = sealed ? 2 : 1;
  return {
    block,
    lines: issuerLine + 2,
    blank: false,
    keepWithNext: false,
    keepWithPrevious: true,
    minPitch: sealed && seal ? Math.max(MIN_TIGHT_PITCH, sealMinPitch(seal.diameter)) : MIN_TIGHT_PITCH,
    place(top, pitch) {
      const issuerTop = top + issuerLine * pitch;
      const dateTop = issuerTop + pitch;
      const a = emitLine(issuer.set, block, issuerLeft, issuerTop, 'black', ts.measure);
      const b = emitLine(date.set, block, dateLeft, dateTop, 'black', ts.measure);
      const items: Item[] = [...a.items, ...b.items];
      let bottom = dateTop + BODY_SIZE;
      if (sealed && seal) {
        const cy = (issuerTop + dateTop + BODY_SIZE) / 2 - SEAL_LIFT;
        const s: SealItem = { kind: 'seal', cx: dateLeft + date.width / 2, cy, diameter: seal.diameter, issuer: sig.issuer };
        items.push(s);
        bottom = Math.max(bottom, cy + seal.diameter / 2);
      }
      return { items, lines: [a.line, b.line], bottom };
    },
  };
}
