// Aligned text tables for the terminal tools (npm start, the notice ops commands). Chinese
// characters take two columns in a terminal, so widths count display columns, not characters.

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

export function padDisplay(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + pad : pad + text;
}

/** Rows under a header, each column as wide as its widest cell; numeric columns right-aligned. */
export function textTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => displayWidth(row[i] ?? ''))));
  return all
    .map((row) =>
      row
        .map((cell, i) => padDisplay(cell, widths[i]!, rightAligned.has(i) ? 'right' : 'left'))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
