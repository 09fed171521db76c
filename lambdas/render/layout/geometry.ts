// GB/T 9704-2012 page geometry in PDF points, y measured from the page top
// (official-document-layout.md §1). All other layout numbers derive from these.

export const MM = 72 / 25.4;

/** Layout numbers closer than this are equal: float arithmetic on points, far below anything visible. */
export const EPS = 1e-6;
/** The slack of a check on a laid-out or read-back page (fit rules, card print rules, tagging): far under a printer's dot. */
export const CHECK_EPS = 0.01;

export const PAGE_WIDTH = 595.276;
export const PAGE_HEIGHT = 841.89;

/** The text block (版心): 156 × 225 mm, 28 mm from the left, 37 mm from the top. */
export const BLOCK_LEFT = 28 * MM;
export const BLOCK_TOP = 37 * MM;
export const BLOCK_WIDTH = 156 * MM;
export const BLOCK_HEIGHT = 225 * MM;
export const BLOCK_RIGHT = BLOCK_LEFT + BLOCK_WIDTH;
export const BLOCK_BOTTOM = BLOCK_TOP + BLOCK_HEIGHT;
export const BLOCK_CENTRE_X = BLOCK_LEFT + BLOCK_WIDTH / 2;

export const CHARS_PER_LINE = 28;
export const LINES_PER_PAGE = 22;

/** One grid cell (字): 28 cells fill the block exactly. */
export const CELL = BLOCK_WIDTH / CHARS_PER_LINE;

/**
 * Body size (三号). CHOICE: the cell width itself (15.793 pt, inside the standard's 15.75–16),
 * so an ideograph's em is exactly one cell and two half-width digits exactly one cell.
 * @alias CELL, named for what it sizes
 */
export const BODY_SIZE = CELL;

/** Line pitch, em top to em top: 22 lines with line 0 on the block top and line 21 on the block bottom. */
export const LINE_PITCH = (BLOCK_HEIGHT - BODY_SIZE) / (LINES_PER_PAGE - 1);

export const SIZE = {
  /** 初号, the usual 发文机关标志 size. */
  header: 42,
  /** 二号: title, attachment title. */
  title: 22,
  /** 三号: body. */
  body: BODY_SIZE,
  /** 四号: 版记 and page numbers. */
  small: 14,
} as const;

/** 发文机关标志 top edge: 35 mm below the block top. */
export const HEADER_TOP = BLOCK_TOP + 35 * MM;
/**
 * 信函格式 (§1.1 special formats): the 标志's top edge 30 mm from the paper top; a red double
 * rule 4 mm below it (thick over thin) and one 20 mm above the paper bottom (thin over thick),
 * both 170 mm long and centred on the block like the 标志; the 发文字号 flush right, 7/8 of a
 * 三号 height under the first rule.
 */
export const LETTER_HEADER_TOP = 30 * MM;
export const LETTER_RULE_GAP = 4 * MM;
export const LETTER_RULE_LENGTH = 170 * MM;
export const LETTER_FOOT_RULE_BOTTOM = PAGE_HEIGHT - 20 * MM;
export const LETTER_NUMBER_GAP = (7 / 8) * BODY_SIZE;
/** The double rules' strokes and the white between them (CHOICE: the standard gives none). */
export const LETTER_RULE_THICK = 2;
export const LETTER_RULE_THIN = 0.75;
export const LETTER_RULE_SPACE = 1.5;
/** Red separator: 4 mm below the 发文字号's em bottom, block wide. */
export const SEPARATOR_GAP = 4 * MM;
export const SEPARATOR_WIDTH = 1;
/** Page-number 一字线 centre: 7 mm below the block bottom. */
export const PAGE_NUMBER_CENTRE_Y = BLOCK_BOTTOM + 7 * MM;
/** 版记 rules. */
export const IMPRINT_THICK = 0.35 * MM;
export const IMPRINT_THIN = 0.25 * MM;

/** Em top of grid line i (0 … 21). */
export function gridLineTop(i: number): number {
  return BLOCK_TOP + i * LINE_PITCH;
}

/** Grid line i's em top on a page whose grid from line `base` on is set at `pitch` (a tightened page, §2.1). */
export function lineTopAt(i: number, base: number, pitch: number): number {
  return gridLineTop(base) + (i - base) * pitch;
}

/** The first grid line whose em top is at or below y (y from the page top). */
export function firstGridLineBelow(y: number): number {
  return Math.max(0, Math.ceil((y - BLOCK_TOP) / LINE_PITCH - 1e-6));
}

/** The grid line whose slot (em top to next em top) holds y. */
export function gridLineHolding(y: number): number {
  return Math.max(0, Math.ceil((y - BLOCK_TOP) / LINE_PITCH - 1e-6) - 1);
}

/** Blank half-gap above and below a grid line's em box: rules between table rows sit here. */
export function halfGap(pitch: number): number {
  return (pitch - BODY_SIZE) / 2;
}

/** First-line indent of paragraphs, headings, 附件说明 and 附注: 2 cells (左空二字). */
export const PARAGRAPH_INDENT = 2 * CELL;
/** Sealed 成文日期: right edge 4 cells inside the block (右空四字). */
export const SEALED_DATE_INDENT = 4 * CELL;
/** Unsealed 署名: right edge 2 cells inside the block. */
export const UNSEALED_INDENT = 2 * CELL;
/** Fitting a page (FIT-3 in docs/layout.md) never sets lines closer than this (CHOICE). */
export const MIN_TIGHT_PITCH = 0.8 * LINE_PITCH;
/** 1 字 of 四号: indent of page numbers and of 版记 text (CHOICE). */
export const SMALL_INDENT = SIZE.small;
/** Table rules and the padding between a cell's rules and its text (CHOICE: half a cell). */
export const TABLE_RULE = 0.5;
export const TABLE_PADDING = CELL / 2;
/**
 * Verification QR code: 20 mm square in page 1's top margin, flush with the block's right edge,
 * 2 mm above the block — in 信函格式 2 mm above the 标志 (CHOICE: outside the block, so it never
 * meets the 版头 or a title).
 */
export const QR_SIZE = 20 * MM;
export const QR_GAP = 2 * MM;
