// The registry of document types (CASE_SCHEMAS in lambdas/catalogue/case.ts) and what every type
// needs beside its schema: TypeScript checks the tables keyed by type (DOC_TYPES, EXAMPLE_CASES);
// this checks what it cannot — a template file, an example that parses as its own type, a policy
// entry, and a preview (`notice preview <type>`) that renders. docs/architecture.md lists the steps.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CASE_SCHEMAS, DOC_TYPE_IDS, DOC_TYPES, EXAMPLE_CASES, docTypeName, isDocTypeId, parseCase } from '../../lambdas/catalogue/index.js';
import { renderer } from '../../lambdas/render/render-document.js';
import { TEMPLATES_DIR } from '../../lambdas/render/template-compiler.js';

describe('the registry of document types', () => {
  it('lists the ids in its own order, each a type the schemas and isDocTypeId know', () => {
    expect(DOC_TYPE_IDS).toEqual(Object.keys(CASE_SCHEMAS));
    expect(new Set(DOC_TYPE_IDS).size).toBe(DOC_TYPE_IDS.length);
    for (const id of DOC_TYPE_IDS) {
      expect(isDocTypeId(id)).toBe(true);
      expect(CASE_SCHEMAS[id].shape.docType.value).toBe(id);
    }
    expect(isDocTypeId('toString')).toBe(false);
    expect(isDocTypeId('talent-scout')).toBe(false);
  });

  it('names a type in Chinese, and an id it does not know as the id itself or as the caller asks', () => {
    expect(docTypeName('skill-grand-award')).toBe('中华技能大奖奖励');
    expect(docTypeName('retired-award')).toBe('retired-award');
    expect(docTypeName('toString')).toBe('toString');
    expect(docTypeName('retired-award', '公文')).toBe('公文');
  });

  describe.each(DOC_TYPE_IDS)('%s', (id) => {
    it('has a template', () => {
      const file = join(TEMPLATES_DIR, DOC_TYPES[id].template);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8').trim()).not.toBe('');
    });

    it('has an example that parses as its own type', () => {
      expect(parseCase(EXAMPLE_CASES[id]).docType).toBe(id);
    });

    it('has a policy entry: its name, the clause of 并发〔2018〕2号 it rests on, its family and 机关代字', () => {
      const t = DOC_TYPES[id];
      expect(t.id).toBe(id);
      expect(t.nameZh.trim()).not.toBe('');
      expect(t.clause).toMatch(/^第[一二三四五六七八九十]+条$/);
      expect(t.numberPrefix).toMatch(/^并人才./);
      expect(t.recipientKinds.length).toBeGreaterThan(0);
    });

    it('has a preview: its example renders to a PDF', async () => {
      const doc = await renderer().render({ case: EXAMPLE_CASES[id], documentNumber: `${DOC_TYPES[id].numberPrefix}〔2026〕1号` });
      expect(doc.case.docType).toBe(id);
      expect(doc.pages).toBeGreaterThan(0);
      expect(doc.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });
  });

  it('has no template without a type', () => {
    const templates = readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.hbs'));
    expect(templates.sort()).toEqual(DOC_TYPE_IDS.map((id) => DOC_TYPES[id].template).sort());
  });
});
