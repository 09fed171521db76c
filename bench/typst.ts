// The document model as a Typst source, for the Typst comparison: the same blocks and text, the
// same GB/T 9704 page (A4, margins 37/26/35/28 mm, body 三号 on a 22-line grid, red 标志 and
// rule or 信函格式's double rules, 版记 rules, page numbers in the outer corner, the demo seal
// and 样本 watermark) and the same Noto faces, found by family name among the font blobs the
// compiler was given. Typst breaks and justifies the lines itself; nothing here tries to match
// the renderer's breaks. Every text goes in as a Typst string, so no case data is read as markup.
import type { Block, DocumentModel, FontRole, Span } from '../lambdas/render/model.js';
import {
  BLOCK_WIDTH,
  BODY_SIZE,
  LETTER_RULE_GAP,
  LETTER_RULE_SPACE,
  LETTER_RULE_THICK,
  LETTER_RULE_THIN,
  LINE_PITCH,
  IMPRINT_THICK,
  IMPRINT_THIN,
  SIZE,
} from '../lambdas/render/layout/geometry.js';

export interface TypstOptions {
  /** Typst's family name and weight of each role's face, as the font pack has them. */
  fonts: Record<FontRole, { family: string; weight: 'regular' | 'bold' }>;
  /** Families tried after a role's own face, in order. */
  fallback: readonly string[];
  red: string;
  /** Demo documents carry the 样本 watermark and a drawn seal, as the PDF does. */
  demo: boolean;
  /** Outside demo mode, the operator's seal image as the compiler sees it (a shadow file), placed where the PDF places it. */
  sealImage?: string | undefined;
}

const pt = (n: number) => `${n.toFixed(3)}pt`;

/** A Typst string literal: the only way case text enters the source. */
function str(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

function font(o: TypstOptions, role: FontRole): string {
  const f = o.fonts[role];
  return `font: (${[f.family, ...o.fallback].map(str).join(', ')}), weight: "${f.weight}"`;
}

/** Text in a role; body text inherits the document's settings. */
function run(o: TypstOptions, role: FontRole, s: string, extra = ''): string {
  return role === 'body' && extra === '' ? `[#${str(s)}]` : `text(${font(o, role)}${extra})[#${str(s)}]`;
}

function spans(o: TypstOptions, of: readonly Span[]): string {
  return of.map((s) => run(o, s.role, s.text)).join(' + ');
}

/** The seal's diameter in mm: the renderer's default (NOTICE_SEAL_DIAMETER_MM). */
const SEAL_MM = 42;

/** The demo seal as the PDF draws it: ring, star, the issuer along the upper rim, 样本. */
function demoSeal(issuer: string): string {
  const d = SEAL_MM;
  const r = d / 2;
  const chars = [...issuer];
  const size = Math.min(r * 0.26, (Math.PI * 1.25 * r * 0.72) / Math.max(chars.length, 1));
  const sweep = Math.min(Math.PI * 1.3, (chars.length * size * 1.05) / (r * 0.72));
  const star = Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const rr = i % 2 === 0 ? r * 0.3 : r * 0.12;
    return `(${(r + rr * Math.cos(a)).toFixed(2)}mm, ${(r + rr * Math.sin(a)).toFixed(2)}mm)`;
  }).join(', ');
  const rim = chars
    .map((ch, i) => {
      const a = -Math.PI / 2 - sweep / 2 + (sweep * (i + 0.5)) / chars.length;
      const x = r + r * 0.72 * Math.cos(a) - size / 2;
      const y = r + r * 0.72 * Math.sin(a) - size / 2;
      const deg = (((a + Math.PI / 2) * 180) / Math.PI).toFixed(2);
      return `place(top + left, dx: ${x.toFixed(2)}mm, dy: ${y.toFixed(2)}mm, rotate(${deg}deg, box(width: ${size.toFixed(2)}mm, height: ${size.toFixed(2)}mm, align(center + horizon, text(size: ${size.toFixed(2)}mm, fill: red-ink)[#${str(ch)}]))))`;
    })
    .join('\n  ');
  return `box(width: ${d}mm, height: ${d}mm, {
  place(circle(radius: ${(r * 0.95).toFixed(2)}mm, stroke: ${(r * 0.045).toFixed(2)}mm + red-ink, inset: 0pt, outset: ${(r * 0.05).toFixed(2)}mm))
  place(polygon(fill: red-ink, ${star}))
  ${rim}
  place(top + left, dy: ${(r + r * 0.45).toFixed(2)}mm, box(width: ${d}mm, align(center, text(size: ${(r * 0.2).toFixed(2)}mm, fill: red-ink)[样本])))
})`;
}

function block(b: Block, o: TypstOptions, letter: boolean): string {
  switch (b.kind) {
    case 'copyNumber':
      return `#block(spacing: 0pt)[#${str(b.text)}]`;
    case 'header': {
      // Compressed to the block's width like the PDF's 标志 (one em per ideograph).
      const natural = [...b.text].length * SIZE.header;
      const scale = Math.min(1, BLOCK_WIDTH / natural);
      // 信函格式: 标志 30 mm from the paper top, 7 mm above the block (the page's margin is the block's).
      const top = letter ? 'v(-7mm, weak: false)' : 'v(35mm)';
      return `#${top}\n#block(width: 100%, height: ${pt(SIZE.header)}, spacing: 0pt, align(center, scale(x: ${(100 * scale).toFixed(3)}%, reflow: false, box(width: ${pt(natural)}, ${run(o, 'title', b.text, `, size: ${pt(SIZE.header)}, fill: red-ink, top-edge: 0.88em, bottom-edge: -0.12em`)}))))${letter ? `\n#v(${pt(LETTER_RULE_GAP)})\n#line(length: 100%, stroke: ${pt(LETTER_RULE_THICK)} + red-ink)\n#v(${pt(LETTER_RULE_SPACE)}, weak: false)\n#line(length: 100%, stroke: ${pt(LETTER_RULE_THIN)} + red-ink)` : ''}`;
    }
    case 'number':
      return letter
        ? `#v(${pt((7 / 8) * BODY_SIZE)})\n#align(right)[#${str(b.text)}]\n#v(${pt(LINE_PITCH)})`
        : `#v(${pt(2 * LINE_PITCH)})\n#align(center)[#${str(b.text)}]\n#v(4mm)\n#line(length: 100%, stroke: 1pt + red-ink)\n#v(${pt(2 * LINE_PITCH)})`;
    case 'title':
      return `#align(center, ${run(o, 'title', b.lines.join('\n'), `, size: ${pt(SIZE.title)}`)})\n#v(${pt(LINE_PITCH)})`;
    case 'to':
      return `#par(first-line-indent: 0pt)[#${str(b.text)}]`;
    case 'paragraph':
      return `#par(${spans(o, b.spans)})`;
    case 'heading': {
      const role: FontRole = b.level === 1 ? 'heading' : b.level === 2 ? 'kai' : 'body';
      return `#par(${run(o, role, b.text)})`;
    }
    case 'table': {
      const cells = b.rows
        .flatMap((r) =>
          r.cells.map((c) => (r.header ? `table.cell(align: center, ${run(o, 'heading', c.text)})` : `table.cell(align: ${c.align}, [#${str(c.text)}])`)),
        )
        .join(',\n  ');
      return `#table(columns: (${b.widths.map((w) => `${w}fr`).join(', ')}), stroke: 0.5pt, inset: (x: ${pt(BODY_SIZE / 2 - 0.5)}, y: ${pt((LINE_PITCH - BODY_SIZE) / 2)}),\n  ${cells})`;
    }
    case 'attachments':
      return `#v(${pt(LINE_PITCH)})\n#par[附件：${b.items.map((t, i) => `#${str(b.items.length > 1 ? `${i + 1}.${t}` : t)}`).join('\\\n')}]`;
    case 'signature': {
      const sealed = b.sealed && (o.demo || o.sealImage !== undefined);
      const mark = o.demo ? demoSeal(b.issuer) : `image(${str(o.sealImage ?? '')}, width: ${SEAL_MM}mm)`;
      const seal = sealed ? `#place(right + bottom, dx: -4em, dy: 2mm, ${mark})\n` : '';
      return `#v(${pt(LINE_PITCH)})\n#block(width: 100%, breakable: false)[\n${seal}#align(right)[#pad(right: ${sealed ? '4em' : '2em'})[#${str(b.issuer)}]]\n#align(right)[#pad(right: ${sealed ? '4em' : '2em'})[#${str(b.date)}]]]`;
    }
    case 'note':
      return `#par[#${str(b.text)}]`;
    case 'imprint':
      // 版记 at the foot of the last page, as the renderer sets it.
      return `#v(1fr)\n#block(above: 0pt, below: 0pt, block(width: 100%, breakable: false, stroke: (top: ${pt(IMPRINT_THICK)}, bottom: ${pt(IMPRINT_THICK)}), inset: (x: ${pt(SIZE.small)}))[#set text(size: ${pt(SIZE.small)})\n#set par(first-line-indent: 0pt)\n${
        b.copyTo ? `#block(width: 100%, stroke: (bottom: ${pt(IMPRINT_THIN)}), outset: (x: ${pt(SIZE.small)}))[#${str(b.copyTo)}]\n` : ''
      }#grid(columns: (1fr, auto), [#${str(b.printedBy)}], [#${str(b.printedDate)}])])`;
  }
}

/** The bench renders without a verification URL, so a model's QR code is not drawn here. */
export function documentTypst(model: DocumentModel, o: TypstOptions): string {
  const letter = model.format === 'letter';
  const gap = LINE_PITCH - BODY_SIZE;
  const footer = `context {
  let n = counter(page).get().first()
  set text(size: ${pt(SIZE.small)}, ${font(o, 'song')})
  if ${letter ? 'n == 1' : 'false'} { } else if calc.odd(n) { align(right, pad(right: ${pt(SIZE.small)})[— #n —]) } else { align(left, pad(left: ${pt(SIZE.small)})[— #n —]) }
}`;
  const watermark = o.demo ? `, background: rotate(-35deg, text(size: 150pt, ${font(o, 'title')}, fill: rgb("#C00000").transparentize(90%))[样本])` : '';
  return `// Generated by bench/typst.ts from the example case: the Typst side of \`npm run bench -- --only typst\`.
#let red-ink = rgb(${str(o.red)})
#set document(title: ${str(model.meta.title)})
#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm), footer-descent: 5.5mm, footer: ${footer}${watermark})
#set text(size: ${pt(BODY_SIZE)}, ${font(o, 'body')}, lang: ${str(model.meta.lang.split('-')[0] ?? 'zh')}, region: "cn", cjk-latin-spacing: none, top-edge: 0.88em, bottom-edge: -0.12em)
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: ${pt(gap)}, spacing: ${pt(gap)})
${model.blocks.map((b) => block(b, o, letter)).join('\n')}
`;
}
