import { describe, expect, it } from 'vitest';
import { documentHtml, type HtmlOptions } from '../../bench/html.js';
import { benchCase, benchNumber } from '../../bench/documents.js';
import { documentModel, renderer } from '../../lambdas/render/render-document.js';
import { BODY_SIZE, LINE_PITCH } from '../../lambdas/render/layout/geometry.js';
import type { DocumentModel } from '../../lambdas/render/model.js';

const OPTIONS: HtmlOptions = {
  fonts: { title: 'file:///f/title.ttf', body: 'file:///f/body.ttf', heading: 'file:///f/heading.ttf', kai: 'file:///f/kai.ttf', song: 'file:///f/song.ttf' },
  fallback: ['file:///f/fallback.ttf'],
  red: '#FF0000',
  demo: true,
};

/** The text a reader sees: tags dropped, character references decoded. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body'));
  return body
    .replace(/<[^>]*>/g, '')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, '');
}

describe('the award notice as HTML for Chromium', () => {
  it('carries every text of the document model, in order', async () => {
    const model = documentModel(await renderer().render({ case: benchCase('award-notice', 0), documentNumber: benchNumber('award-notice') }));
    const seen = visibleText(documentHtml(model, OPTIONS));
    let from = 0;
    for (const b of model.blocks) {
      const texts =
        b.kind === 'paragraph'
          ? [b.spans.map((s) => s.text).join('')]
          : b.kind === 'title'
            ? b.lines
            : b.kind === 'table'
              ? b.rows.flatMap((r) => r.cells.map((c) => c.text))
              : b.kind === 'signature'
                ? [b.issuer, b.date]
                : b.kind === 'imprint'
                  ? [b.copyTo ?? '', b.printedBy, b.printedDate]
                  : b.kind === 'attachments'
                    ? b.items
                    : [b.text];
      for (const t of texts) {
        const at = seen.indexOf(t.replace(/\s+/g, ''), from);
        expect(at, `“${t}” (${b.kind}) is missing or out of order`).toBeGreaterThanOrEqual(from);
        from = at;
      }
    }
  });

  it('sets the GB/T 9704 page: A4, margins 37/26/35/28 mm, body size and pitch of the layout grid', () => {
    const html = documentHtml({ format: 'document', meta: { title: 't', subject: '', keywords: '', author: '', lang: 'zh-CN' }, blocks: [] }, OPTIONS);
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain(`font: ${BODY_SIZE.toFixed(3)}pt/${LINE_PITCH.toFixed(3)}pt "nb-body"`);
  });

  it('loads every role and the fallback from the font pack’s own files', () => {
    const html = documentHtml({ format: 'document', meta: { title: 't', subject: '', keywords: '', author: '', lang: 'zh-CN' }, blocks: [] }, OPTIONS);
    for (const url of [...Object.values(OPTIONS.fonts), ...OPTIONS.fallback]) expect(html).toContain(`src: url("${url}")`);
  });

  it('escapes case data, so a name containing markup stays text', () => {
    const model: DocumentModel = {
      format: 'document',
      meta: { title: '<t>', subject: '', keywords: '', author: '', lang: 'zh-CN' },
      blocks: [{ kind: 'paragraph', spans: [{ text: '<p onclick="x">张三</p>', role: 'body' }] }],
    };
    const html = documentHtml(model, OPTIONS);
    expect(html).not.toContain('<p onclick');
    expect(visibleText(html)).toContain('<ponclick="x">张三</p>');
  });
});
