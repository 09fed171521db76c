// Stops a document before layout when a character has no glyph in any font of the pack,
// naming the case field it came from (or the template block, for a template's own text).
import type { FontPack } from './fonts.js';
import type { Block, DocumentModel } from './model.js';

/** Checks every string in the case, so an error names the field a clerk must correct. */
export function assertCaseDrawable(value: unknown, pack: FontPack, path = 'case'): void {
  if (typeof value === 'string') pack.assertDrawable(value, 'body', path);
  else if (Array.isArray(value)) value.forEach((v, i) => assertCaseDrawable(v, pack, `${path}[${i}]`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertCaseDrawable(v, pack, `${path}.${k}`);
  }
}

function blockTexts(b: Block): { text: string; role: 'body' | 'title' | 'heading' | 'kai' }[] {
  switch (b.kind) {
    case 'header':
      return [{ text: b.text, role: 'title' }];
    case 'title':
      return b.lines.map((text) => ({ text, role: 'title' }));
    case 'paragraph':
      return b.spans.map((s) => ({ text: s.text, role: s.role === 'heading' ? 'heading' : 'body' }));
    case 'heading':
      return [{ text: b.text, role: b.level === 1 ? 'heading' : b.level === 2 ? 'kai' : 'body' }];
    case 'table':
      return b.rows.flatMap((r) => r.cells.map((c) => ({ text: c.text, role: r.header ? 'heading' : 'body' })));
    case 'attachments':
      return b.items.map((text) => ({ text, role: 'body' }));
    case 'signature':
      return [{ text: b.issuer + b.date, role: 'body' }];
    case 'imprint':
      return [{ text: (b.copyTo ?? '') + b.printedBy + b.printedDate, role: 'body' }];
    case 'copyNumber':
    case 'number':
    case 'to':
    case 'note':
      return [{ text: b.text, role: 'body' }];
  }
}

/** Checks the finished model: catches characters the template itself wrote. */
export function assertModelDrawable(model: DocumentModel, pack: FontPack, source: string): void {
  model.blocks.forEach((b, i) => {
    for (const t of blockTexts(b)) pack.assertDrawable(t.text, t.role, `${source} <${b.kind}> #${i + 1}`);
  });
}
