// The caption of a 公文's verification QR code: 扫码核验 and the URL as text, right-aligned
// beside the code in page 1's top margin (the space left of the code is free there in both
// formats), so a reader without a camera, or a screen reader, can still find the check.
// It adds items next to the code the layout placed and moves nothing else.
import { QR_CAPTION } from './structure.js';
import type { FontRole } from './model.js';
import type { Item, Layout, Measure, QrItem, TextItem } from './layout/types.js';
import { BLOCK_LEFT, MM } from './layout/geometry.js';

const CAPTION_SIZE = 9;
const URL_SIZE = 7;
/** A URL is never set smaller than this; a longer one is a configuration error the glyph check reports first. */
const MIN_URL_SIZE = 5;
const GAP = 2 * MM;

/** The texts the caption sets, with their roles, for the glyph check. */
export function qrCaptionTexts(url: string): { text: string; role: FontRole }[] {
  return [
    { text: QR_CAPTION, role: 'body' },
    { text: url, role: 'song' },
  ];
}

function text(value: string, role: FontRole, size: number, right: number, baseline: number, measure: Measure): TextItem {
  const width = measure.advance(value, role, size);
  return { kind: 'text', text: value, x: right - width, baseline, size, role, colour: 'black', characterSpacing: 0, horizontalScale: 100, features: [] };
}

function captionItems(qr: QrItem, measure: Measure): TextItem[] {
  const right = qr.x - GAP;
  const room = right - BLOCK_LEFT;
  const natural = measure.advance(qr.url, 'song', URL_SIZE);
  const urlSize = Math.max(MIN_URL_SIZE, natural > room ? (URL_SIZE * room) / natural : URL_SIZE);
  // Both lines stand on the code's lower edge: the URL last, the caption one line above it.
  const urlBaseline = qr.y + qr.size - urlSize * 0.2;
  return [text(QR_CAPTION, 'body', CAPTION_SIZE, right, urlBaseline - urlSize * 1.2 - 2, measure), text(qr.url, 'song', urlSize, right, urlBaseline, measure)];
}

/** The layout with each QR code's caption added after the code on its page. */
export function withQrCaption(layout: Layout, measure: Measure): Layout {
  return {
    pages: layout.pages.map((page) => ({
      ...page,
      items: page.items.flatMap((item): Item[] => (item.kind === 'qr' ? [item, ...captionItems(item, measure)] : [item])),
    })),
  };
}
