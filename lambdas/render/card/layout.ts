// The card layout: a CardModel → two ID-1 pages (front, back), and an A4 sheet that carries both
// to cut out. Pure: positions only, in points from each page's top-left corner.
//
// Card geometry (ISO/IEC 7810 ID-1): 85.60 × 53.98 mm trimmed. Each page adds a 2 mm bleed on
// every side, into which backgrounds run so a card printer's trim tolerance leaves no white edge;
// all text and the QR code stay 3 mm inside the trim (the safe area). Text is never set below
// 6 pt: a long name or value shrinks towards that, then wraps.
import { MM } from '../layout/geometry.js';
import { qrMatrix } from '../qr.js';
import type { Colour, Item, Layout, Measure, Page, Rect, TextItem } from '../layout/types.js';
import type { FontRole } from '../model.js';
import type { CardModel } from './model.js';

export const CARD_TRIM = { width: 85.6 * MM, height: 53.98 * MM };
export const CARD_BLEED = 2 * MM;
const CARD_SAFE = 3 * MM;
export const CARD_MIN_TEXT = 6;
/** QR codes keep a quiet zone of four modules (ISO/IEC 18004) clear of any other mark. */
const QR_QUIET_MODULES = 4;

const PAGE_W = CARD_TRIM.width + 2 * CARD_BLEED;
const PAGE_H = CARD_TRIM.height + 2 * CARD_BLEED;
const TRIM: Rect = { x: CARD_BLEED, y: CARD_BLEED, width: CARD_TRIM.width, height: CARD_TRIM.height };
/** Where text and the QR may go. */
export const CARD_SAFE_AREA: Rect = {
  x: CARD_BLEED + CARD_SAFE,
  y: CARD_BLEED + CARD_SAFE,
  width: CARD_TRIM.width - 2 * CARD_SAFE,
  height: CARD_TRIM.height - 2 * CARD_SAFE,
};
const LEFT = CARD_SAFE_AREA.x;
const RIGHT = CARD_SAFE_AREA.x + CARD_SAFE_AREA.width;
const BAND = CARD_BLEED + 14 * MM;
const PHOTO = { width: 19 * MM, height: 24 * MM };
const QR_SIZE = 19 * MM;
/** A card's rounded corners (ID-1: 3.18 mm), drawn as the trim line on the A4 sheet. */
const CORNER = 3.18 * MM;

/** The clear margin around a QR code of `size` points that encodes `url`, as paint draws it. */
export function qrQuietZone(url: string, size: number): number {
  return (size / qrMatrix(url).size) * QR_QUIET_MODULES;
}

function text(s: string, x: number, baseline: number, size: number, role: FontRole, colour: Colour): TextItem {
  return { kind: 'text', text: s, x, baseline, size, role, colour, characterSpacing: 0, horizontalScale: 100, features: [] };
}

/** The size at which `s` fits `width`, from `preferred` down to the 6 pt floor. */
function fitSize(measure: Measure, s: string, role: FontRole, width: number, preferred: number): number {
  const w = measure.advance(s, role, preferred);
  return w <= width ? preferred : Math.max(CARD_MIN_TEXT, preferred * (width / w));
}

/** Breaks `s` into lines of at most `width` at `size`, preferring a break after / . @ - or a space. */
function wrap(measure: Measure, s: string, role: FontRole, size: number, width: number): string[] {
  const lines: string[] = [];
  let rest = [...s];
  while (rest.length > 0) {
    let n = rest.length;
    while (n > 1 && measure.advance(rest.slice(0, n).join(''), role, size) > width) n--;
    if (n < rest.length) {
      const soft = rest.slice(0, n).findLastIndex((c) => '/.@- '.includes(c));
      if (soft >= n / 2) n = soft + 1;
    }
    lines.push(rest.slice(0, n).join('').trim());
    rest = rest.slice(n);
  }
  return lines;
}

function front(model: CardModel['front'], measure: Measure): Item[] {
  const items: Item[] = [{ kind: 'box', x: 0, y: 0, width: PAGE_W, height: BAND, radius: 0, fill: 'green' }];
  const brandSize = fitSize(measure, model.brand, 'title', RIGHT - LEFT, 12);
  items.push(text(model.brand, LEFT, CARD_BLEED + 7.5 * MM, brandSize, 'title', 'white'));
  const issuerSize = fitSize(measure, model.issuer, 'body', RIGHT - LEFT, 7);
  items.push(text(model.issuer, LEFT, CARD_BLEED + 11.8 * MM, issuerSize, 'body', 'white'));

  const photoX = RIGHT - PHOTO.width;
  const textRight = model.photo ? photoX - 2 * MM : RIGHT;
  const top = BAND + 3 * MM;
  if (model.photo) {
    items.push({ kind: 'box', x: photoX, y: top, width: PHOTO.width, height: PHOTO.height, radius: 0, stroke: 'grey', lineWidth: 0.5 });
    items.push({ kind: 'image', x: photoX, y: top, width: PHOTO.width, height: PHOTO.height, source: 'photo' });
  }
  // The holder's name: 14 pt, shrinking to fit; a very long name (a transliterated one with ·) wraps.
  const width = textRight - LEFT;
  let size = fitSize(measure, model.holder, 'title', width, 14);
  let names = [model.holder];
  if (measure.advance(model.holder, 'title', size) > width) {
    size = Math.max(CARD_MIN_TEXT, Math.min(9, size * 2));
    names = wrap(measure, model.holder, 'title', size, width);
  }
  let baseline = top + measure.ascent('title', size);
  for (const line of names) {
    items.push(text(line, LEFT, baseline, size, 'title', 'black'));
    baseline += size * 1.2;
  }

  const labelSize = 7;
  const labelWidth = Math.max(...model.fields.map((f) => measure.advance(f.label, 'heading', labelSize)), 0) + 1.5 * MM;
  baseline += 2.2 * MM;
  for (const f of model.fields) {
    const valueWidth = textRight - LEFT - labelWidth;
    const valueSize = fitSize(measure, f.value, 'body', valueWidth, labelSize);
    const lines = measure.advance(f.value, 'body', valueSize) > valueWidth ? wrap(measure, f.value, 'body', valueSize, valueWidth) : [f.value];
    items.push(text(f.label, LEFT, baseline, labelSize, 'heading', 'green'));
    for (const line of lines) {
      items.push(text(line, LEFT + labelWidth, baseline, valueSize, 'body', 'black'));
      baseline += labelSize * 1.45;
    }
  }
  return items;
}

function back(model: CardModel['back'], measure: Measure): Item[] {
  const band = CARD_BLEED + 9 * MM;
  const items: Item[] = [{ kind: 'box', x: 0, y: 0, width: PAGE_W, height: band, radius: 0, fill: 'green' }];
  const headingSize = fitSize(measure, model.heading, 'title', RIGHT - LEFT, 9);
  items.push(text(model.heading, LEFT, CARD_SAFE_AREA.y + measure.ascent('title', headingSize) + 0.6 * MM, headingSize, 'title', 'white'));

  const quiet = model.qr ? qrQuietZone(model.qr.url, QR_SIZE) : 0;
  const qrX = RIGHT - QR_SIZE;
  const qrY = band + Math.max(2.5 * MM, quiet + 0.3 * MM);
  const textRight = model.qr ? qrX - 3 * MM : RIGHT;
  const serviceSize = 8;
  // Services in two columns, each after a small green square.
  const column = (textRight - LEFT) / 2;
  const mark = serviceSize * 0.45;
  let baseline = band + 3 * MM + measure.ascent('body', serviceSize);
  model.services.forEach((s, i) => {
    const x = LEFT + (i % 2) * column;
    items.push({ kind: 'box', x, y: baseline - serviceSize * 0.6, width: mark, height: mark, radius: 0, fill: 'green' });
    items.push(text(s, x + mark + 1.2 * MM, baseline, fitSize(measure, s, 'body', column - mark - 2.2 * MM, serviceSize), 'body', 'black'));
    if (i % 2 === 1 || i === model.services.length - 1) baseline += serviceSize * 1.6;
  });
  baseline += 1 * MM;
  for (const note of model.notes) {
    for (const line of wrap(measure, note, 'body', CARD_MIN_TEXT, textRight - LEFT)) {
      items.push(text(line, LEFT, baseline, CARD_MIN_TEXT, 'body', 'black'));
      baseline += CARD_MIN_TEXT * 1.4;
    }
  }
  if (model.qr) {
    items.push({ kind: 'qr', x: qrX, y: qrY, size: QR_SIZE, url: model.qr.url });
    const caption = model.qr.caption;
    const cw = measure.advance(caption, 'body', CARD_MIN_TEXT);
    items.push(
      text(caption, qrX + (QR_SIZE - cw) / 2, qrY + QR_SIZE + quiet + 0.3 * MM + measure.ascent('body', CARD_MIN_TEXT), CARD_MIN_TEXT, 'body', 'black'),
    );
  }
  // The foot: the verification address in words (for a reader with no camera), then the issuer.
  const footLines = [...(model.qr ? wrap(measure, model.qr.url, 'body', CARD_MIN_TEXT, textRight - LEFT) : []), model.issued];
  let foot = CARD_SAFE_AREA.y + CARD_SAFE_AREA.height - 0.15 * CARD_MIN_TEXT - (footLines.length - 1) * CARD_MIN_TEXT * 1.3;
  for (const line of footLines) {
    items.push(text(line, LEFT, foot, fitSize(measure, line, 'body', textRight - LEFT, CARD_MIN_TEXT), 'body', 'black'));
    foot += CARD_MIN_TEXT * 1.3;
  }
  return items;
}

function cardPage(items: Item[]): Page {
  return { number: null, size: { width: PAGE_W, height: PAGE_H, trim: TRIM, bleed: { x: 0, y: 0, width: PAGE_W, height: PAGE_H } }, items, lines: [] };
}

/** Front and back of the card, one page each, at ID-1 size with bleed. */
export function layoutCard(model: CardModel, measure: Measure): Layout {
  return { pages: [cardPage(front(model.front, measure)), cardPage(back(model.back, measure))] };
}

const A4 = { width: 595.276, height: 841.89 };

function moved(item: Item, dx: number, dy: number): Item {
  switch (item.kind) {
    case 'text':
      return { ...item, x: item.x + dx, baseline: item.baseline + dy };
    case 'rule':
      return { ...item, x1: item.x1 + dx, x2: item.x2 + dx, y: item.y + dy, ...(item.y2 !== undefined ? { y2: item.y2 + dy } : {}) };
    case 'seal':
      return { ...item, cx: item.cx + dx, cy: item.cy + dy };
    default:
      return { ...item, x: item.x + dx, y: item.y + dy };
  }
}

/** Crop marks outside a trimmed rectangle's corners: 5 mm long, 2 mm clear of the trim. */
function cropMarks(r: Rect): Item[] {
  const len = 5 * MM;
  const gap = CARD_BLEED + 1 * MM;
  const out: Item[] = [];
  for (const [x, sx] of [
    [r.x, -1],
    [r.x + r.width, 1],
  ] as const) {
    for (const [y, sy] of [
      [r.y, -1],
      [r.y + r.height, 1],
    ] as const) {
      out.push({ kind: 'rule', x1: x + sx * gap, x2: x + sx * (gap + len), y, width: 0.3, colour: 'black' });
      out.push({ kind: 'rule', x1: x, x2: x, y: y + sy * gap, y2: y + sy * (gap + len), width: 0.3, colour: 'black' });
    }
  }
  return out;
}

/**
 * An A4 sheet with the front above the back, at actual size, crop marks at the trim corners and
 * the rounded trim line drawn thin and grey: cut both out and laminate them back to back.
 */
export function layoutCardSheet(card: Layout, measure: Measure, caption: string): Layout {
  const x = (A4.width - PAGE_W) / 2;
  const items: Item[] = [];
  const top = 40 * MM;
  items.push(text(caption, x + CARD_BLEED, top - 12 * MM, 10, 'body', 'black'));
  const labels = ['正面', '背面'];
  card.pages.forEach((page, i) => {
    const y = top + i * (PAGE_H + 24 * MM);
    for (const item of page.items) items.push(moved(item, x, y));
    const trim: Rect = { x: x + TRIM.x, y: y + TRIM.y, width: TRIM.width, height: TRIM.height };
    items.push({ kind: 'box', ...trim, radius: CORNER, stroke: 'grey', lineWidth: 0.3 });
    items.push(...cropMarks(trim));
    items.push(text(labels[i] ?? '', trim.x + trim.width + 6 * MM, trim.y + measure.ascent('body', 9), 9, 'body', 'grey'));
  });
  return { pages: [{ number: null, size: { width: A4.width, height: A4.height }, items, lines: [] }] };
}
