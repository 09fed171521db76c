// What a card printer needs, as checks a test runs on a laid-out card: the page is the trimmed
// card plus its bleed, text and the QR stay in the safe area, nothing is set below 6 pt, the QR
// keeps its quiet zone, and a background that reaches the trim runs on to the bleed edge.
import type { Item, Layout, Measure, Page, Rect } from '../layout/types.js';
import { CARD_BLEED, CARD_MIN_TEXT, CARD_SAFE_AREA, CARD_TRIM, qrQuietZone } from './layout.js';
import { CHECK_EPS } from '../layout/geometry.js';

function inside(r: Rect, outer: Rect): boolean {
  return (
    r.x >= outer.x - CHECK_EPS &&
    r.y >= outer.y - CHECK_EPS &&
    r.x + r.width <= outer.x + outer.width + CHECK_EPS &&
    r.y + r.height <= outer.y + outer.height + CHECK_EPS
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width - CHECK_EPS && b.x < a.x + a.width - CHECK_EPS && a.y < b.y + b.height - CHECK_EPS && b.y < a.y + a.height - CHECK_EPS;
}

/** The ink box of an item (text: advance × em, from a 0.12 em descent below the baseline). */
function boundsOf(item: Item, measure: Measure): Rect | undefined {
  switch (item.kind) {
    case 'text': {
      const width = measure.advance(item.text, item.role, item.size);
      const ascent = measure.ascent(item.role, item.size);
      return { x: item.x, y: item.baseline - ascent, width, height: ascent + 0.12 * item.size };
    }
    case 'qr':
      return { x: item.x, y: item.y, width: item.size, height: item.size };
    case 'box':
    case 'image':
      return { x: item.x, y: item.y, width: item.width, height: item.height };
    default:
      return undefined;
  }
}

function pageViolations(page: Page, p: number, measure: Measure): string[] {
  const out: string[] = [];
  const where = `card page ${p + 1}`;
  const w = CARD_TRIM.width + 2 * CARD_BLEED;
  const h = CARD_TRIM.height + 2 * CARD_BLEED;
  if (!page.size || Math.abs(page.size.width - w) > CHECK_EPS || Math.abs(page.size.height - h) > CHECK_EPS) {
    out.push(`${where}: the page is not the ID-1 card (85.6 × 53.98 mm) plus a ${CARD_BLEED.toFixed(2)} pt bleed`);
  }
  const trim: Rect = { x: CARD_BLEED, y: CARD_BLEED, ...CARD_TRIM };
  page.items.forEach((item, i) => {
    const b = boundsOf(item, measure);
    if (!b) return;
    const what = item.kind === 'text' ? `“${item.text}”` : `${item.kind} #${i + 1}`;
    if (item.kind === 'text' && item.size < CARD_MIN_TEXT - CHECK_EPS)
      out.push(`${where}: ${what} is set at ${item.size.toFixed(2)} pt, below ${CARD_MIN_TEXT} pt`);
    if ((item.kind === 'text' || item.kind === 'qr') && !inside(b, CARD_SAFE_AREA)) out.push(`${where}: ${what} leaves the safe area (3 mm inside the trim)`);
    if (item.kind === 'box' && item.fill && !inside(b, trim)) {
      // A background that crosses the trim must run to the page edge on that side.
      const crossesLeft = b.x < trim.x - CHECK_EPS;
      const crossesTop = b.y < trim.y - CHECK_EPS;
      const crossesRight = b.x + b.width > trim.x + trim.width + CHECK_EPS;
      const crossesBottom = b.y + b.height > trim.y + trim.height + CHECK_EPS;
      const short =
        (crossesLeft && b.x > CHECK_EPS) ||
        (crossesTop && b.y > CHECK_EPS) ||
        (crossesRight && b.x + b.width < w - CHECK_EPS) ||
        (crossesBottom && b.y + b.height < h - CHECK_EPS);
      if (short) out.push(`${where}: ${what} crosses the trim but stops short of the bleed edge`);
    }
    if (item.kind === 'qr') {
      const quiet = qrQuietZone(item.url, item.size);
      const zone = { x: b.x - quiet, y: b.y - quiet, width: b.width + 2 * quiet, height: b.height + 2 * quiet };
      page.items.forEach((other, j) => {
        if (j === i) return;
        const ob = boundsOf(other, measure);
        if (ob && overlaps(zone, ob)) out.push(`${where}: ${other.kind === 'text' ? `“${other.text}”` : other.kind} is inside the QR code's quiet zone`);
      });
    }
  });
  return out;
}

/** Everything on a laid-out card a card printer or a reader would refuse; [] when it is right. */
export function cardViolations(layout: Layout, measure: Measure): string[] {
  return layout.pages.flatMap((page, p) => pageViolations(page, p, measure));
}
