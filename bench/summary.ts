// What the figures mean: before/after ratios from one run, and the renderer's targets for the
// one-page notice. Pure functions of the bench's tables.
import type { Figure, Figures, Table } from './context.js';
import { round } from './stats.js';

/** Figures where smaller is better; before/after > 1 means the current tree improved. */
const COMPARED = [
  'warmMedianMs',
  'warmP95Ms',
  'warmCpuMedianMs',
  'freshProcessImportCpuMs',
  'freshProcessFontsCpuMs',
  'freshProcessFirstPdfCpuMs',
  'coldProcessMedianMs',
  'coldProcessCpuMedianMs',
  'bytes',
  'peakRssMb',
] as const;

const num = (v: Figure | undefined): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** All figures of one row across the bench's tables (renderer, cold, chromium …). */
function rowFigures(tables: readonly Table[], row: string): Record<string, Figure> {
  return Object.assign({}, ...tables.map((t) => t[row] ?? {})) as Record<string, Figure>;
}

/** `<figure>BeforeOverAfter` per document: baseline ÷ current, so 3 means three times faster (or smaller). */
export function beforeAfter(tables: readonly Table[], documents: readonly string[], baseline: string): Table {
  const out: Table = {};
  for (const doc of documents) {
    const after = rowFigures(tables, doc);
    const before = rowFigures(tables, `${doc} @ ${baseline}`);
    // Unknown (null) when the renderer bench did not run: no sha256 to compare.
    const ratios: Record<string, Figure> = { sameBytes: after.sha256 === undefined || before.sha256 === undefined ? null : after.sha256 === before.sha256 };
    for (const k of COMPARED) {
      const a = num(after[k]);
      const b = num(before[k]);
      if (a !== undefined && b !== undefined && a > 0) ratios[`${k}BeforeOverAfter`] = round(b / a);
    }
    out[doc] = ratios;
  }
  return out;
}

interface Target {
  figure: string;
  /** Appended to the document's row name when the figure comes from a variant's row. */
  rowSuffix?: string;
  /** The bound and whether it is a maximum or a minimum. */
  limit: number;
  at: 'most' | 'least';
  scale?: number;
}

/**
 * The one-page notice's targets: warm ≤ 8 ms (Typst's class ≤ 5 ms, and no slower than Typst
 * itself on the same document), the whole `notice render` process ≤ 0.35 s, ≤ 60 KB, ≥ 100×
 * faster than warm Chromium. Times are judged on the wall clock and on CPU time, which is what
 * the wall clock shows on an idle machine (the render is single-threaded). The render worker's
 * Lambda init plus first event (≤ 400 ms) needs the stack's asset and the local stack, so
 * test/cdk/worker-bundle.test.ts measures it, not the bench (docs/scale.md "Cold start").
 */
const TARGETS: Record<string, Target> = {
  'warm ms/doc ≤ 8': { figure: 'warmMedianMs', limit: 8, at: 'most' },
  'warm CPU ms/doc ≤ 8': { figure: 'warmCpuMedianMs', limit: 8, at: 'most' },
  "warm CPU ms/doc ≤ 5 (Typst's class)": { figure: 'warmCpuMedianMs', limit: 5, at: 'most' },
  'warm CPU ÷ Typst (same document, interleaved) ≤ 1': { figure: 'pdfkitCpuOverTypstCpu', limit: 1, at: 'most' },
  'cold process s ≤ 0.35': { figure: 'coldProcessMedianMs', limit: 0.35, at: 'most', scale: 1 / 1000 },
  'cold process CPU s ≤ 0.35': { figure: 'coldProcessCpuMedianMs', limit: 0.35, at: 'most', scale: 1 / 1000 },
  'KB ≤ 60': { figure: 'bytes', limit: 60, at: 'most', scale: 1 / 1024 },
  'Chromium ÷ pdfkit ≥ 100': { figure: 'chromiumOverPdfkit', limit: 100, at: 'least' },
  'Chromium, fresh context per document, ÷ pdfkit ≥ 100': { figure: 'chromiumFreshContextOverPdfkit', limit: 100, at: 'least' },
};

/** Two columns, `value` and `met`, one line per target (null where the bench did not measure it). */
export function targets(tables: readonly Table[], document: string): { value: Figures; met: Figures } {
  const value: Figures = {};
  const met: Figures = {};
  for (const [name, t] of Object.entries(TARGETS)) {
    const v = num(rowFigures(tables, `${document}${t.rowSuffix ?? ''}`)[t.figure]);
    value[name] = v === undefined ? null : round(v * (t.scale ?? 1));
    met[name] = v === undefined ? null : t.at === 'most' ? v * (t.scale ?? 1) <= t.limit : v * (t.scale ?? 1) >= t.limit;
  }
  return { value, met };
}
