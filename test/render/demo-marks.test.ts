// The demo seal and watermark as Form XObjects (lambdas/render/demo-marks.ts): one object per mark
// and PDF, drawn with one `Do` inside the marked content the structure tree expects; the same bytes
// whether the process has worked the marks out before or not; no mark at all outside demo mode.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOC_TYPES, exampleCase, type DocTypeId } from '../../lambdas/catalogue/index.js';
import { defaultFontPackConfig, fontPack, loadFontPack, type FontPack } from '../../lambdas/render/fonts.js';
import { paint } from '../../lambdas/render/paint.js';
import { renderer } from '../../lambdas/render/render-document.js';
import { tempDir } from '../support/temp-dirs.js';

const date = new Date('2026-11-24T00:00:00+08:00');
const dir = tempDir('notice-marks-');

/** The example document of `id`, painted (unsigned) with `pack`. */
function painted(id: DocTypeId, pack: FontPack, demo: boolean): Promise<Buffer> {
  const doc = renderer().layout({ case: exampleCase(id), documentNumber: `${DOC_TYPES[id].numberPrefix}〔2026〕17号` });
  return paint(doc.layout, doc.model.meta, pack, { date, demo, blocks: 'blocks' in doc.model ? doc.model.blocks : undefined });
}

type Dictionary = Record<string, unknown>;

/** The file's objects as qpdf reads them, and its pages in order. */
function objects(pdf: Buffer, name: string) {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=pages', '--json-key=qpdf', file], { encoding: 'utf8' })) as {
    pages: { object: string }[];
    qpdf: [unknown, Record<string, { value?: Dictionary; stream?: { dict: Dictionary } }>];
  };
  const all = json.qpdf[1];
  const get = (ref: unknown): Dictionary => {
    const o = all[`obj:${ref as string}`]!;
    return o.value ?? o.stream!.dict;
  };
  const content = (page: string) =>
    execFileSync('qpdf', [`--show-object=${get(page)['/Contents'] as string}`, '--filtered-stream-data', file], { encoding: 'latin1' });
  const forms = Object.keys(all)
    .filter((k) => all[k]!.stream?.dict['/Subtype'] === '/Form')
    .map((k) => k.slice('obj:'.length));
  const pageXObjects = json.pages.map((p) => (get(get(p.object)['/Resources'])['/XObject'] ?? {}) as Record<string, string>);
  return { forms, pageXObjects, content: json.pages.map((p) => content(p.object)), get };
}

describe('the demo marks', () => {
  it('are two Form XObjects in the five-page letter: the watermark one object that every page draws, the seal drawn once', async () => {
    const { forms, pageXObjects, content, get } = objects(await painted('staffing-pool-approval', fontPack(), true), 'letter');
    expect(pageXObjects).toHaveLength(5);
    expect(forms).toHaveLength(2);
    const watermark = pageXObjects[0]!['/Mark1'];
    const seal = forms.find((f) => f !== watermark)!;
    expect(forms).toContain(watermark);
    for (const [i, xobjects] of pageXObjects.entries()) {
      expect(xobjects['/Mark1'], `page ${i + 1}`).toBe(watermark);
      // The watermark, an artifact: ink set, placed and turned by the page, drawn by the form.
      expect(content[i]).toMatch(/\/Artifact <<\n\/Type \/Pagination\n>> BDC\nq\n\/Gs1 gs\n(?:.*\n){3}.* cm\n\/Mark1 Do\nQ\nEMC\n/);
    }
    const sealed = pageXObjects.flatMap((x, i) => (Object.values(x).includes(seal) ? [i] : []));
    expect(sealed).toHaveLength(1);
    const name = Object.entries(pageXObjects[sealed[0]!]!).find(([, ref]) => ref === seal)![0];
    // The seal inside its Figure's marked content, which the structure tree points at.
    expect(content[sealed[0]!]).toMatch(new RegExp(`/Figure <<\\n/MCID \\d+\\n>> BDC\\nq\\n(?:.*\\n){4}.* cm\\n${name} Do\\nQ\\nEMC\\n`));
    for (const form of forms) {
      const dict = get(form);
      expect(dict['/Type']).toBe('/XObject');
      expect(dict['/Filter']).toBe('/FlateDecode');
      expect(dict['/Resources']).toEqual({});
      expect(dict['/BBox']).toHaveLength(4);
    }
  });

  it('give the same bytes whether the process has worked them out before or not', async () => {
    for (const id of ['talent-scout-award', 'staffing-pool-approval', 'talent-green-card'] as const) {
      // A pack loaded afresh has fonts the marks were never drawn in: they are worked out anew.
      const cold = await painted(id, loadFontPack(defaultFontPackConfig()), true);
      await painted(id, fontPack(), true);
      const warm = await painted(id, fontPack(), true);
      expect(warm.includes('/Subtype /Form'), id).toBe(true);
      expect(cold.equals(warm), `${id}: ${cold.length} vs ${warm.length} bytes`).toBe(true);
    }
  });

  it('are not drawn outside demo mode: no Form XObject, no mark', async () => {
    for (const id of ['talent-scout-award', 'staffing-pool-approval', 'talent-green-card'] as const) {
      const pdf = (await painted(id, fontPack(), false)).toString('latin1');
      expect(pdf, id).not.toContain('/Subtype /Form');
      expect(pdf, id).not.toContain('/Mark1');
    }
  });
});
