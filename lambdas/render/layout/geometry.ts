// GB/T 9704-2012 page geometry in PDF points, y measured from the page top
// (official-document-layout.md §1). All other layout numbers derive from these.

export const MM = 72 / 25.4;

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
/** Red separator: 4 mm below the 发文字号's em bottom, block wide. */
export const SEPARATOR_GAP = 4 * MM;
export const SEPARATOR_WIDTH = 1;
/** Page-number 一字线 centre: 7 mm below the block bottom. */
export const PAGE_NUMBER_CENTRE_Y = BLOCK_BOTTOM + 7 * MM;
/** 版记 rules. */
export const RECORD_THICK = 0.35 * MM;
export const RECORD_THIN = 0.25 * MM;
/** Demo seal diameter (CHOICE 42 mm). */
export const DEMO_SEAL_DIAMETER = 42 * MM;

/** Em top of grid line i (0 … 21). */
export function gridLineTop(i: number): number {
  return BLOCK_TOP + i * LINE_PITCH;
}
