// What every bench receives, and what it returns: a table of figures, one row per document
// (or per whatever the bench measures), numbers in the unit their key names.
import type { Checkout } from './checkouts.js';
import type { BenchDocumentId } from './documents.js';

export type Figure = number | string | boolean | null;
export type Figures = Record<string, Figure>;
/** Row name → figures. */
export type Table = Record<string, Figures>;

export interface BenchContext {
  /** This tree first; a baseline after it when `--baseline` is given. */
  checkouts: readonly Checkout[];
  documents: readonly BenchDocumentId[];
  /** Fresh processes per document and checkout (cold figures are medians over these). */
  runs: number;
  /** Warm renders per document and checkout, after `warmup` renders, in the first of those processes. */
  warm: number;
  warmup: number;
  /** A scratch directory that lives as long as the run. */
  tmp: string;
  /** Progress for people: goes to stderr, so `--json` output stays one object. */
  log(line: string): void;
}

/** The row of a document measured in a checkout: the document's id for this tree. */
export function rowName(doc: string, checkout: Checkout): string {
  return checkout.name === 'current' ? doc : `${doc} @ ${checkout.name}`;
}
