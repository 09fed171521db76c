// precompiled.json beside the templates: the worker's asset and the CLI's bundle carry the
// templates' compiled code, so the first document does not compile them. What it must never do is
// change a document, or be used for a source it was not made from.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES, EXAMPLE_CASES } from '../../lambdas/catalogue/index.js';
import { PRECOMPILED_FILE, precompileTemplates, TEMPLATES_DIR } from '../../lambdas/render/template-compiler.js';
import { createTemplateRenderer, type TemplateData } from '../../lambdas/render/template.js';
import { tempDir } from '../support/temp-dirs.js';

/** A copy of the templates folder, with precompiled.json as given (none when undefined). */
function templatesCopy(precompiled: string | undefined): string {
  const dir = tempDir('templates-precompiled-');
  cpSync(TEMPLATES_DIR, dir, { recursive: true });
  rmSync(join(dir, PRECOMPILED_FILE), { force: true });
  if (precompiled !== undefined) writeFileSync(join(dir, PRECOMPILED_FILE), precompiled);
  return dir;
}

const ISSUER = { name: '太原市人才工作领导小组办公室', header: '太原市人才工作领导小组办公室文件', printedBy: '太原市人才工作领导小组办公室' };

function exampleData(c: (typeof EXAMPLE_CASES)[keyof typeof EXAMPLE_CASES]): TemplateData {
  const type = DOC_TYPES[c.docType];
  return {
    case: c,
    type,
    issuer: ISSUER,
    document: { number: `${type.numberPrefix}〔2026〕17号`, date: c.approvedOn, verifyUrl: 'https://notice.example.gov.cn/v/DOC123' },
  };
}

describe('precompiled templates', () => {
  const precompiled = precompileTemplates(TEMPLATES_DIR);

  it('render every example to the same markup as templates compiled when first used', () => {
    const ahead = createTemplateRenderer(templatesCopy(precompiled));
    const now = createTemplateRenderer(templatesCopy(undefined));
    for (const c of Object.values(EXAMPLE_CASES)) {
      const data = exampleData(c);
      expect(ahead.renderMarkup(data), c.docType).toBe(now.renderMarkup(data));
      expect(ahead.templateHash(c.docType)).toBe(now.templateHash(c.docType));
    }
  });

  it('hold one entry per template and partial, the same each time they are made', () => {
    const entries = Object.keys(JSON.parse(precompiled) as Record<string, string>);
    expect(entries).toHaveLength(Object.keys(DOC_TYPES).length + 10);
    expect(precompileTemplates(TEMPLATES_DIR)).toBe(precompiled);
  });

  it('are what the renderer runs when they match the source', () => {
    // An entry altered by hand (never done for real) shows that the file is read, not ignored.
    // The entry that differs between the real templates and a copy whose template reads <marker/>
    // is that template's; the marker's code goes under the real template's key.
    const c = EXAMPLE_CASES['talent-scout-award'];
    const real = JSON.parse(precompiled) as Record<string, string>;
    const marked = JSON.parse(precompileTemplates(templatesCopyWith(c.docType, '<marker/>'))) as Record<string, string>;
    const keys = Object.keys(real).filter((k) => !(k in marked));
    const markerCode = Object.entries(marked).filter(([k]) => !(k in real));
    expect([keys.length, markerCode.length]).toEqual([1, 1]);
    const altered = { ...real, [keys[0]!]: markerCode[0]![1] };
    const r = createTemplateRenderer(templatesCopy(JSON.stringify(altered)));
    expect(r.renderMarkup(exampleData(c))).toBe('<marker/>');
  });

  it('are passed over for a template edited since they were made', () => {
    const c = EXAMPLE_CASES['talent-scout-award'];
    const dir = templatesCopy(precompiled);
    writeFileSync(join(dir, DOC_TYPES[c.docType].template), '<edited/>');
    expect(createTemplateRenderer(dir).renderMarkup(exampleData(c))).toBe('<edited/>');
  });

  it('stop the renderer with a clear error when the file is not precompiled templates', () => {
    expect(() => createTemplateRenderer(templatesCopy('{"a": 1}'))).toThrow(
      /templates\/precompiled\.json: not precompiled templates .*delete it or build it again/,
    );
  });
});

/** A copy without precompiled.json whose template for `docType` is `source`. */
function templatesCopyWith(docType: keyof typeof DOC_TYPES, source: string): string {
  const dir = templatesCopy(undefined);
  writeFileSync(join(dir, DOC_TYPES[docType].template), source);
  return dir;
}
