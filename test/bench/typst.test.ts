import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCase, benchNumber } from '../../bench/documents.js';
import { typstOptions, typstPdf, type TypstCompiler } from '../../bench/typst-bench.js';
import { documentTypst } from '../../bench/typst.js';
import { documentModel, renderer } from '../../lambdas/render/render-document.js';
import type { DocumentModel } from '../../lambdas/render/model.js';
import { tempDir } from '../support/temp-dirs.js';

const { options, blobs } = typstOptions();
const compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: blobs }] }) as unknown as TypstCompiler;
const dir = tempDir('typst-test-');

/** The PDF's text as pdftotext reads it, whitespace dropped (Typst and pdftotext space CJK differently). */
function pdfText(pdf: Buffer): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

function pageSizes(pdf: Buffer): string[] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(
    (m) => `${Math.round(Number(m[1]))}×${Math.round(Number(m[2]))}`,
  );
}

describe('the documents as Typst sources for the Typst comparison', () => {
  it('sets the award notice on one A4 page, as the renderer does, with the recipient and the 发文字号', async () => {
    const model = documentModel(await renderer().render({ case: benchCase('award-notice', 3), documentNumber: benchNumber('award-notice') }));
    const pdf = typstPdf(compiler, documentTypst(model, options));
    expect(pageSizes(pdf)).toEqual(['595×842']);
    const text = pdfText(pdf);
    const to = model.blocks.find((b) => b.kind === 'to');
    expect(to && to.kind === 'to' ? text.includes(to.text.replace(/\s+/g, '')) : false).toBe(true);
    expect(text).toContain(benchNumber('award-notice').replace(/\s+/g, ''));
  });

  it('sets the approval letter on five pages, as the renderer does', async () => {
    const rendered = await renderer().render({ case: benchCase('approval-letter', 0), documentNumber: benchNumber('approval-letter') });
    const pdf = typstPdf(compiler, documentTypst(documentModel(rendered), options));
    expect(pageSizes(pdf)).toHaveLength(rendered.pages);
  });

  it('writes case text as Typst strings, so markup in a name stays text', () => {
    const hostile = '#set page(width: 1cm) *粗* $x$ "引" \\ _斜_ // 注 @ref <l>';
    const model: DocumentModel = {
      format: 'document',
      meta: { title: 't', subject: '', keywords: '', author: '', lang: 'zh-CN' },
      blocks: [
        { kind: 'to', text: hostile },
        {
          kind: 'paragraph',
          spans: [
            { text: hostile, role: 'body' },
            { text: hostile, role: 'heading' },
          ],
        },
      ],
    };
    const pdf = typstPdf(compiler, documentTypst(model, options));
    expect(pageSizes(pdf)).toEqual(['595×842']);
    expect(pdfText(pdf).split(hostile.replace(/\s+/g, '')).length - 1).toBe(3);
  });
});
