// The document model as HTML + CSS, for the Chromium comparison: what a team would print with a
// headless browser instead of laying the page out itself. Same blocks, same text, same font
// files, the GB/T 9704 page (A4, margins 37/26/35/28 mm, body 三号 on a 29.6 pt pitch, red
// 标志 and rule or 信函格式's double rules, 版记 rules, page numbers in the outer corner, the demo
// seal and 样本 watermark),
// so Chromium does the same work the renderer does. Chromium breaks and justifies the lines
// itself (CSS `line-break: strict`); nothing here tries to match the renderer's breaks.
import type { Block, DocumentModel, FontRole, Span } from '../lambdas/render/model.js';
import {
  BLOCK_WIDTH,
  BODY_SIZE,
  LETTER_HEADER_TOP,
  LETTER_RULE_GAP,
  LETTER_RULE_SPACE,
  LETTER_RULE_THICK,
  LETTER_RULE_THIN,
  LINE_PITCH,
  SIZE,
} from '../lambdas/render/layout/geometry.js';

export interface HtmlOptions {
  /** A URL per font role (file:// or data:), and the fallback chain's, as the font pack has them. */
  fonts: Record<FontRole, string>;
  fallback: readonly string[];
  red: string;
  /** Demo documents carry the 样本 watermark and a drawn seal, as the PDF does. */
  demo: boolean;
}

const ROLES: readonly FontRole[] = ['title', 'body', 'heading', 'kai', 'song'];

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const family = (role: FontRole) => `"nb-${role}", nb-fallback-0, nb-fallback-1, serif`;

function fontFaces(o: HtmlOptions): string {
  const own = ROLES.map((r) => `@font-face { font-family: "nb-${r}"; src: url("${o.fonts[r]}"); }`);
  const fallback = o.fallback.map((url, i) => `@font-face { font-family: nb-fallback-${i}; src: url("${url}"); }`);
  return [...own, ...fallback].join('\n');
}

const pt = (n: number) => `${n.toFixed(3)}pt`;

/**
 * 信函格式 (§10.1): 标志 30 mm from the paper top between red double rules, 发文字号 flush right,
 * no page number on page 1. Chromium clips what lies outside the page's content box, so page 1's
 * top margin is 30 mm here, the upper double rule spans the block rather than 170 mm, and the
 * lower one (20 mm above the paper's edge, in the margin) is left out.
 */
function letterCss(o: HtmlOptions): string {
  return `
@page :first { margin-top: ${pt(LETTER_HEADER_TOP)}; @bottom-right { content: none; } @bottom-left { content: none; } }
.letter .header { margin-top: 0; }
.letter .double-rule { display: block; margin-top: ${pt(LETTER_RULE_GAP)}; border-top: ${pt(LETTER_RULE_THICK)} solid ${o.red}; border-bottom: ${pt(LETTER_RULE_THIN)} solid ${o.red}; height: ${pt(LETTER_RULE_SPACE)}; }
.letter .number { margin-top: ${pt((7 / 8) * BODY_SIZE)}; text-align: right; }
.letter .number + .rule { border: 0; margin-top: 0; }`;
}

function css(o: HtmlOptions, letter: boolean): string {
  return `${fontFaces(o)}
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font: ${pt(SIZE.small)} ${family('song')}; margin-right: ${pt(SIZE.small)}; vertical-align: top; padding-top: 5.5mm; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font: ${pt(SIZE.small)} ${family('song')}; margin-left: ${pt(SIZE.small)}; vertical-align: top; padding-top: 5.5mm; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; width: ${pt(BLOCK_WIDTH)}; font: ${pt(BODY_SIZE)}/${pt(LINE_PITCH)} ${family('body')}; color: #000;
  text-align: justify; line-break: strict; word-break: normal; overflow-wrap: anywhere; }
p, h1, h2, h3, h4, div, table { margin: 0; padding: 0; font-weight: normal; font-size: inherit; }
.header { margin-top: 35mm; color: ${o.red}; font: ${pt(SIZE.header)}/1 ${family('title')}; white-space: nowrap; overflow: hidden; }
.header span { display: block; text-align: center; }
.number { margin-top: ${pt(2 * LINE_PITCH)}; text-align: center; }
.double-rule { display: none; }
.rule { margin-top: 4mm; border-top: 1pt solid ${o.red}; margin-bottom: ${pt(2 * LINE_PITCH)}; }
.title { text-align: center; font: ${pt(SIZE.title)}/${pt(LINE_PITCH)} ${family('title')}; margin-bottom: ${pt(LINE_PITCH)}; text-wrap: balance; }
.to { text-align: left; }
p, .h { text-indent: 2em; }
.h1 { font-family: ${family('heading')}; } .h2 { font-family: ${family('kai')}; }
.span-title { font-family: ${family('title')}; } .span-heading { font-family: ${family('heading')}; } .span-kai { font-family: ${family('kai')}; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; margin: ${pt((LINE_PITCH - BODY_SIZE) / 2)} 0; text-indent: 0; break-inside: auto; }
th, td { border: 0.5pt solid #000; padding: 0 ${pt(BODY_SIZE / 2 - 0.5)}; text-align: left; font-weight: normal; }
th { font-family: ${family('heading')}; text-align: center; }
.attachments { margin-top: ${pt(LINE_PITCH)}; text-indent: 2em; }
.signature { position: relative; margin-top: ${pt(2 * LINE_PITCH)}; break-inside: avoid; break-before: avoid; }
.signature .issuer, .signature .date { text-align: right; white-space: nowrap; }
.signature .date { margin-right: 4em; }
.signature.sealed .issuer { margin-right: 4em; }
.seal { position: absolute; right: 4em; bottom: -2mm; width: 42mm; height: 42mm; }
.note { text-indent: 2em; }
.imprint { margin-top: ${pt(LINE_PITCH)}; font: ${pt(SIZE.small)}/${pt(LINE_PITCH)} ${family('body')}; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000; break-inside: avoid; }
.imprint div { padding: 0 ${pt(SIZE.small)}; }
.imprint .copy-to { border-bottom: 0.25mm solid #000; }
.imprint .printed { display: flex; justify-content: space-between; }
.watermark { position: fixed; top: 50%; left: 50%; transform: translate(-50%, -50%) rotate(-35deg); font: 150pt ${family('title')}; color: #C00000; opacity: 0.1; white-space: nowrap; z-index: -1; }${letter ? letterCss(o) : ''}`;
}

function spans(spansOf: readonly Span[]): string {
  return spansOf.map((s) => (s.role === 'body' ? escapeHtml(s.text) : `<span class="span-${s.role}">${escapeHtml(s.text)}</span>`)).join('');
}

/** The demo seal as the PDF draws it: ring, star, the issuer along the upper rim, 样本. */
function demoSeal(issuer: string, red: string): string {
  const chars = [...issuer];
  const r = 50;
  const size = Math.min(r * 0.26, (Math.PI * 1.25 * r * 0.72) / Math.max(chars.length, 1));
  const sweep = Math.min(Math.PI * 1.3, (chars.length * size * 1.05) / (r * 0.72));
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.3 : r * 0.12;
    return `${(r + rr * Math.cos(a)).toFixed(2)},${(r + rr * Math.sin(a)).toFixed(2)}`;
  }).join(' ');
  const rim = chars
    .map((ch, i) => {
      const a = -Math.PI / 2 - sweep / 2 + (sweep * (i + 0.5)) / chars.length;
      const x = r + r * 0.72 * Math.cos(a);
      const y = r + r * 0.72 * Math.sin(a);
      return `<text x="${x.toFixed(2)}" y="${y.toFixed(2)}" transform="rotate(${(((a + Math.PI / 2) * 180) / Math.PI).toFixed(2)} ${x.toFixed(2)} ${y.toFixed(2)})" text-anchor="middle" dominant-baseline="central">${escapeHtml(ch)}</text>`;
    })
    .join('');
  return `<svg class="seal" viewBox="0 0 100 100" fill="${red}" font-size="${size.toFixed(2)}" font-family='${family('body')}'>
<circle cx="50" cy="50" r="${r * 0.95}" fill="none" stroke="${red}" stroke-width="${r * 0.045}"/><polygon points="${star}"/>${rim}
<text x="50" y="${r + r * 0.58}" font-size="${r * 0.2}" text-anchor="middle">样本</text></svg>`;
}

function block(b: Block, o: HtmlOptions): string {
  switch (b.kind) {
    case 'copyNumber':
      return `<div class="copy-number">${escapeHtml(b.text)}</div>`;
    case 'header': {
      // Compressed to the block's width like the PDF's 标志 (one em per ideograph); laid out at its
      // natural width and clipped, so Chromium does not shrink the whole page to fit it.
      const natural = [...b.text].length * SIZE.header;
      const scale = Math.min(1, BLOCK_WIDTH / natural);
      const style = `width: ${natural.toFixed(2)}pt; margin-left: ${((BLOCK_WIDTH - natural) / 2).toFixed(2)}pt; transform: scaleX(${scale.toFixed(4)})`;
      return `<div class="header"><span style="${style}">${escapeHtml(b.text)}</span></div><div class="double-rule"></div>`;
    }
    case 'number':
      return `<div class="number">${escapeHtml(b.text)}</div><div class="rule"></div>`;
    case 'title':
      return `<h1 class="title">${b.lines.map(escapeHtml).join('<br>')}</h1>`;
    case 'to':
      return `<div class="to">${escapeHtml(b.text)}</div>`;
    case 'paragraph':
      return `<p>${spans(b.spans)}</p>`;
    case 'heading':
      return `<h${b.level + 1} class="h h${b.level}">${escapeHtml(b.text)}</h${b.level + 1}>`;
    case 'table': {
      const total = b.widths.reduce((s, w) => s + w, 0);
      const cols = b.widths.map((w) => `<col style="width: ${((100 * w) / total).toFixed(3)}%">`).join('');
      const rows = b.rows
        .map(
          (r) =>
            `<tr>${r.cells.map((c) => (r.header ? `<th>${escapeHtml(c.text)}</th>` : `<td style="text-align: ${c.align}">${escapeHtml(c.text)}</td>`)).join('')}</tr>`,
        )
        .join('\n');
      return `<table><colgroup>${cols}</colgroup>\n${rows}</table>`;
    }
    case 'attachments':
      return `<div class="attachments">附件：${b.items.map((t, i) => (b.items.length > 1 ? `${i + 1}.${escapeHtml(t)}` : escapeHtml(t))).join('<br>')}</div>`;
    case 'signature': {
      const sealed = b.sealed && o.demo;
      return `<div class="signature${sealed ? ' sealed' : ''}">${sealed ? demoSeal(b.issuer, o.red) : ''}<div class="issuer">${escapeHtml(b.issuer)}</div><div class="date">${escapeHtml(b.date)}</div></div>`;
    }
    case 'note':
      return `<div class="note">${escapeHtml(b.text)}</div>`;
    case 'imprint':
      return `<div class="imprint">${b.copyTo ? `<div class="copy-to">${escapeHtml(b.copyTo)}</div>` : ''}<div class="printed"><span>${escapeHtml(b.printedBy)}</span><span>${escapeHtml(b.printedDate)}</span></div></div>`;
  }
}

/** The bench renders without a verification URL, so a model's QR code is not drawn here. */
export function documentHtml(model: DocumentModel, o: HtmlOptions): string {
  const letter = model.format === 'letter';
  const body = model.blocks.map((b) => block(b, o)).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(model.meta.lang)}"><head><meta charset="utf-8"><title>${escapeHtml(model.meta.title)}</title>
<style>${css(o, letter)}</style></head>
<body class="${letter ? 'letter' : 'document'}">${o.demo ? '<div class="watermark">样本</div>' : ''}
${body}
</body></html>`;
}
