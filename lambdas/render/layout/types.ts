// The layout's output: pages of positioned items, in PDF points from the page's top-left corner.
// Pure data; paint.ts turns it into pdfkit calls, tests assert on it directly.
import type { FontRole } from '../model.js';

/** Named inks: red is the issuer's configured red; green, white and grey are the card's. */
export type Colour = 'black' | 'red' | 'green' | 'white' | 'grey';

/** Measures text in a font role; fonts.ts provides the real one, backed by fontkit. */
export interface Measure {
  /** Advance width in points of `text` set in `role` at `size`, with OpenType `features`. */
  advance(text: string, role: FontRole, size: number, features?: readonly string[]): number;
  /** Em-top → baseline distance in points at `size` (the ideographic em box's ascent). */
  ascent(role: FontRole, size: number): number;
}

/**
 * One text show: `text` drawn from x with its baseline at `baseline`.
 * characterSpacing is added after every character but the last (PDF Tc),
 * so a run of n uniform characters spans n·advance + (n−1)·characterSpacing.
 */
export interface TextItem {
  kind: 'text';
  text: string;
  x: number;
  baseline: number;
  size: number;
  role: FontRole;
  colour: Colour;
  characterSpacing: number;
  /** Horizontal scale in percent (100 = none); the 标志 may be compressed to fit the block. */
  horizontalScale: number;
  features: readonly string[];
}

/** A straight rule from (x1, y) to (x2, y2 ?? y): horizontal unless y2 is given (table column rules). */
export interface RuleItem {
  kind: 'rule';
  x1: number;
  x2: number;
  y: number;
  /** End y of a vertical rule; absent for horizontal rules. */
  y2?: number;
  width: number;
  colour: Colour;
}

export interface SealItem {
  kind: 'seal';
  cx: number;
  cy: number;
  diameter: number;
  /** The issuer's name, drawn around the demo seal's rim. */
  issuer: string;
}

export interface QrItem {
  kind: 'qr';
  x: number;
  y: number;
  size: number;
  url: string;
}

/** A rectangle, filled and/or stroked, with rounded corners when radius > 0 (card bands, photo box). */
export interface BoxItem {
  kind: 'box';
  x: number;
  y: number;
  width: number;
  height: number;
  radius: number;
  fill?: Colour;
  stroke?: Colour;
  lineWidth?: number;
}

/** An image given with the document (a card holder's photo), fitted into its box. */
interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  width: number;
  height: number;
  source: 'photo';
}

export type Item = TextItem | RuleItem | SealItem | QrItem | BoxItem | ImageItem;

/** A rectangle in points from the page's top-left corner. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A page that is not A4 (a card): its size, and where a printer trims it (TrimBox, BleedBox). */
interface PageSize {
  width: number;
  height: number;
  trim?: Rect;
  bleed?: Rect;
}

/** What one typeset unit is, for the line-breaking rules and for tests. */
export type UnitKind = 'han' | 'punct' | 'latin' | 'pair';

/** A unit placed on a line: its characters, its left edge and its width (the cells it occupies). */
export interface PlacedUnit {
  text: string;
  kind: UnitKind;
  x: number;
  width: number;
}

/** A laid-out line of running text (body, headings, 主送, title …), kept for tests and for paint. */
export interface Line {
  /** Which block of the model the line belongs to. */
  block: number;
  role: FontRole;
  size: number;
  /** Em top and baseline, from the page top. */
  top: number;
  baseline: number;
  units: PlacedUnit[];
  /** First line of its paragraph / last line of its paragraph. */
  first: boolean;
  last: boolean;
  /** True when push-in or push-out moved this line off the plain 28-cell grid. */
  adjusted: boolean;
  /** JUST-2 (docs/layout.md): a line too loose to justify, set solid from its start. */
  ragged: boolean;
}

export interface Page {
  /** 1-based page number printed at the foot, or null for a page that carries none. */
  number: number | null;
  /** Absent for A4. */
  size?: PageSize;
  items: Item[];
  lines: Line[];
}

export interface Layout {
  pages: Page[];
}
