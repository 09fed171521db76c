// Reads a finished PDF back with pdfjs-dist, glyph by glyph, so tests can check the layout
// rules on what a reader gets rather than on what we meant to draw.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Glyph {
  char: string;
  /** Origin x and baseline, in points from the page's top-left corner. */
  x: number;
  baseline: number;
  /** Advance in points, including character spacing. */
  advance: number;
  /** The glyph's own advance width, without character spacing: where its ink box ends. */
  width: number;
  size: number;
  fill: string;
  /** Drawn under a rotation (watermark, seal rim): not part of the page's running text. */
  rotated: boolean;
}

interface Stroke {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  colour: string;
}

export interface PdfPage {
  width: number;
  height: number;
  glyphs: Glyph[];
  /** Straight strokes (rules), top-down y. */
  strokes: Stroke[];
  text: string;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

interface PdfjsGlyph {
  unicode: string;
  width: number;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: PdfPage[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , width, height] = page.view as [number, number, number, number];
    const ops = await page.getOperatorList();
    const glyphs: Glyph[] = [];
    const strokes: Stroke[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: { ctm: Matrix; fill: string; stroke: string; lineWidth: number; charSpacing: number; hScale: number }[] = [];
    let fill = '#000000';
    let stroke = '#000000';
    let lineWidth = 1;
    let charSpacing = 0;
    let hScale = 1;
    let size = 0;
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      switch (fn) {
        case OPS.save:
          stack.push({ ctm, fill, stroke, lineWidth, charSpacing, hScale });
          break;
        case OPS.restore:
          ({ ctm, fill, stroke, lineWidth, charSpacing, hScale } = stack.pop() ?? { ctm, fill, stroke, lineWidth, charSpacing, hScale });
          break;
        case OPS.transform:
          ctm = multiply(args as Matrix, ctm);
          break;
        case OPS.setFillRGBColor:
          fill = String(args[0]);
          break;
        case OPS.setStrokeRGBColor:
          stroke = String(args[0]);
          break;
        case OPS.setLineWidth:
          lineWidth = Number(args[0]);
          break;
        case OPS.setCharSpacing:
          charSpacing = Number(args[0]);
          break;
        case OPS.setHScale:
          hScale = Number(args[0]) / 100;
          break;
        case OPS.setFont:
          size = Number(args[1]);
          break;
        case OPS.beginText:
          tm = [1, 0, 0, 1, 0, 0];
          charSpacing = 0;
          hScale = 1;
          break;
        case OPS.setTextMatrix: {
          const m = args[0] as Record<number, number>;
          tm = [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!];
          break;
        }
        case OPS.showText: {
          const full = multiply(tm, ctm);
          const rotated = Math.abs(full[1]) > 1e-6 || Math.abs(full[2]) > 1e-6;
          let x = 0;
          for (const g of args[0] as (PdfjsGlyph | number)[]) {
            if (typeof g === 'number') {
              x -= (g * size * hScale) / 1000;
              continue;
            }
            const advance = ((g.width * size) / 1000 + charSpacing) * hScale;
            const [dx, dy] = apply(full, x, 0);
            glyphs.push({ char: g.unicode, x: dx, baseline: height - dy, advance, width: ((g.width * size) / 1000) * hScale, size, fill, rotated });
            x += advance;
          }
          break;
        }
        case OPS.constructPath: {
          const [op, data] = args as [number, Record<number, number>[]];
          const path = data[0];
          if (op !== OPS.stroke || !path) break;
          // pathData: 0 = moveTo x y, 1 = lineTo x y; rules are one moveTo and one lineTo.
          if (path[0] === 0 && path[3] === 1 && path[6] === undefined) {
            const [x1, y1] = apply(ctm, path[1]!, path[2]!);
            const [x2, y2] = apply(ctm, path[4]!, path[5]!);
            strokes.push({ x1, y1: height - y1, x2, y2: height - y2, width: lineWidth, colour: stroke });
          }
          break;
        }
      }
    });
    const content = await page.getTextContent();
    const text = content.items.map((it) => ('str' in it ? it.str : '')).join('');
    pages.push({ width, height, glyphs, strokes, text });
  }
  await doc.destroy();
  return pages;
}

export interface PdfLine {
  baseline: number;
  glyphs: Glyph[];
  text: string;
  left: number;
  right: number;
}

/** Upright glyphs grouped into lines by baseline (± 0.5 pt), each sorted by x. */
export function linesOf(page: PdfPage): PdfLine[] {
  const lines: PdfLine[] = [];
  for (const g of page.glyphs.filter((g) => !g.rotated && g.char.trim() !== '')) {
    let line = lines.find((l) => Math.abs(l.baseline - g.baseline) <= 0.5);
    if (!line) lines.push((line = { baseline: g.baseline, glyphs: [], text: '', left: 0, right: 0 }));
    line.glyphs.push(g);
  }
  for (const l of lines) {
    l.glyphs.sort((a, b) => a.x - b.x);
    l.text = l.glyphs.map((g) => g.char).join('');
    l.left = l.glyphs[0]!.x;
    const last = l.glyphs[l.glyphs.length - 1]!;
    l.right = last.x + last.width;
  }
  return lines.sort((a, b) => a.baseline - b.baseline);
}
