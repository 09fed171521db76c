// Tables for people: one column per row of the bench's table (documents, checkouts), one line per figure.
import type { Figure, Table } from './context.js';

function cell(v: Figure | undefined): string {
  if (v === undefined || v === null) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);
  return String(v);
}

/** Pads by code points: the figures' names and values are ASCII, a note may not be. */
function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - [...s].length));
  return right ? fill + s : s + fill;
}

export function formatTable(title: string, table: Table): string {
  const columns = Object.keys(table);
  if (columns.length === 0) return `${title}: nothing measured\n`;
  const keys = [...new Set(columns.flatMap((c) => Object.keys(table[c]!)))];
  const head = ['', ...columns];
  const rows = keys.map((k) => [k, ...columns.map((c) => cell(table[c]![k]))]);
  const widths = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]!].length)));
  const line = (r: string[]) =>
    r
      .map((s, i) => pad(s, widths[i]!, i > 0))
      .join('  ')
      .trimEnd();
  return [`## ${title}`, line(head), ...rows.map(line), ''].join('\n');
}
