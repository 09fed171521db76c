// Fitting on real documents: the one-item notices laid out with the real fonts for the names and
// field lengths a talent office's database holds, checked with checkFit (docs/layout.md, “Fitting a page”).
import { describe, expect, it } from 'vitest';
import { docTypeOf, exampleCase, parseCase, type DocTypeId } from '../../../lambdas/catalogue/index.js';
import { LINE_PITCH, MM, PAGE_HEIGHT, checkFit, layoutDocument } from '../../../lambdas/render/layout/index.js';
import { parseMarkup } from '../../../lambdas/render/markup.js';
import { renderer } from '../../../lambdas/render/render-document.js';
import { renderMarkup } from '../../../lambdas/render/template.js';
import type { Block } from '../../../lambdas/render/model.js';
import type { Layout, SealItem } from '../../../lambdas/render/layout/types.js';
import { SINGLE_ITEM_NOTICES } from '../../support/examples.js';
import { MASTHEAD, IMPRINT, SEAL_42, SIGNATURE, han, lay, lineText, model, numberedTable, paragraph, random } from './fixtures.js';

/** Compound surnames and names written with ·: everyday data. */
const NAMES = ['欧阳振华', '司马文静', '上官婉儿', '诸葛明远', '慕容雪', '买买提·艾力', '阿依古丽·买买提', '迪丽热巴·迪力木拉提'];

/** Where each one-item notice prints the person's name, and its free-text fields with the schema's maximum length. */
const FIELDS: Record<string, { name: string; text: Record<string, number> }> = {
  'talent-scout-award': { name: 'details.talent.name', text: { 'details.talent.position': 60, 'details.talent.field': 40 } },
  'talent-apartment-allocation': {
    name: 'recipient.name',
    text: {
      'recipient.employer': 60,
      'details.apartment.project': 40,
      'details.apartment.building': 10,
      'details.apartment.unit': 10,
      'details.apartment.room': 10,
      'details.checkIn.place': 60,
    },
  },
  'skill-grand-award': { name: 'recipient.name', text: { 'recipient.employer': 60, 'details.occupation': 40, 'details.session': 10 } },
  'national-technical-expert': { name: 'recipient.name', text: { 'recipient.employer': 60, 'details.occupation': 40, 'details.session': 10 } },
  'flexible-allowance': { name: 'recipient.name', text: { 'recipient.employer': 60, 'details.host': 60 } },
  'graduate-living-subsidy': { name: 'recipient.name', text: { 'recipient.employer': 60, 'details.graduate.university': 60, 'details.graduate.major': 40 } },
  'graduate-housing-subsidy': {
    name: 'recipient.name',
    text: { 'recipient.employer': 60, 'details.graduate.university': 60, 'details.graduate.major': 40, 'details.home.address': 80 },
  },
  'graduate-research-fund': {
    name: 'recipient.name',
    text: { 'recipient.employer': 60, 'details.graduate.university': 60, 'details.graduate.major': 40, 'details.project.name': 60 },
  },
  'village-graduate-settling': {
    name: 'recipient.name',
    text: {
      'details.school.university': 60,
      'details.school.major': 40,
      'details.village.county': 20,
      'details.village.township': 20,
      'details.village.name': 20,
      'details.post': 40,
    },
  },
};

const FILLER = '太原市晋阳新材料科技研究院有限公司高端装备制造与智能控制工程技术研究中心'.repeat(3);

function withField(c: unknown, path: string, value: string): unknown {
  const copy = structuredClone(c) as Record<string, unknown>;
  const keys = path.split('.');
  let o = copy;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys.at(-1)!] = value;
  return copy;
}

/** Case → laid-out document with the real fonts and the demo seal, as the renderer lays it out before painting. */
function layOut(input: unknown) {
  const r = renderer();
  const c = parseCase(input);
  const markup = renderMarkup({ case: c, type: docTypeOf(c.docType), issuer: r.config.issuer, document: { number: '并人才〔2026〕17号', date: c.approvedOn } });
  const model = parseMarkup(markup, `${c.docType}.hbs`);
  return { model, layout: layoutDocument(model, r.fonts.measure, { seal: { diameter: r.config.sealDiameterMm * MM } }) };
}

describe.each(SINGLE_ITEM_NOTICES)('the one-item notice %s', (id: DocTypeId) => {
  const fields = FIELDS[id]!;

  it('stays on one page for compound surnames and ·-names, with each free-text field at its longest, and keeps every fit rule', () => {
    const variants = [undefined, ...Object.keys(fields.text)];
    for (const name of NAMES) {
      for (const field of variants) {
        let c = withField(exampleCase(id), fields.name, name);
        if (field) c = withField(c, field, FILLER.slice(0, fields.text[field]));
        const { model, layout } = layOut(c);
        expect(layout.pages.length, `${name} ${field ?? ''}`).toBe(1);
        expect(checkFit(layout, model), `${name} ${field ?? ''}`).toEqual([]);
      }
    }
  });

  it('is still correct, on two pages at most with body text on the last, when every field is at its longest at once', () => {
    let c = withField(exampleCase(id), fields.name, NAMES.at(-1)!);
    for (const [field, max] of Object.entries(fields.text)) c = withField(c, field, FILLER.slice(0, max));
    const { model, layout } = layOut(c);
    expect(layout.pages.length).toBeLessThanOrEqual(2);
    expect(checkFit(layout, model)).toEqual([]);
  });
});

describe('checkFit', () => {
  const blocks: Block[] = [paragraph(han(60)), SIGNATURE, IMPRINT];
  const layout = lay(blocks);
  const moved = (dy: number): Layout => ({
    pages: layout.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.kind === 'seal' ? { ...i, cy: i.cy + dy } : i)) })),
  });

  it('passes a fitted page and names the rule a seal breaks when it leaves the block, covers the body or presses on the 版记', () => {
    expect(checkFit(layout, model(blocks))).toEqual([]);
    const seal = layout.pages[0]!.items.find((i): i is SealItem => i.kind === 'seal')!;
    const imprintTop = Math.min(...layout.pages[0]!.lines.filter((l) => l.block === 2).map((l) => l.top));
    expect(checkFit(moved(PAGE_HEIGHT), model(blocks)).some((v) => v.startsWith('FIT-6 page 1: the seal') && v.includes('leaves the block'))).toBe(true);
    expect(checkFit(moved(-60), model(blocks)).some((v) => v.includes('under the last body line'))).toBe(true);
    expect(checkFit(moved(imprintTop - (seal.cy + seal.diameter / 2)), model(blocks))).toContain('FIT-6 page 1: the seal reaches into the 版记');
  });

  it('names a page that holds only the 版记, or a signature without body text', () => {
    const split: Layout = {
      pages: [
        { ...layout.pages[0]!, lines: layout.pages[0]!.lines.filter((l) => l.block !== 2) },
        { number: 2, items: [], lines: layout.pages[0]!.lines.filter((l) => l.block === 2) },
      ],
    };
    expect(checkFit(split, model(blocks))).toContain('FIT-4 page 2: holds only the 版记');
    const alone: Layout = {
      pages: [
        { number: 1, items: [], lines: layout.pages[0]!.lines.filter((l) => l.block === 0) },
        { number: 2, items: [], lines: layout.pages[0]!.lines.filter((l) => l.block !== 0) },
      ],
    };
    expect(checkFit(alone, model(blocks))).toContain('FIT-4 page 2: the signature has 0 body line(s) with it');
  });

  it('names a table rule outside the block and a continued table without 续表 and its header', () => {
    const table = numberedTable(Array.from({ length: 30 }, () => han(10)));
    const t = lay([paragraph(han(30)), table]);
    expect(checkFit(t, model([paragraph(han(30)), table]))).toEqual([]);
    const bare: Layout = {
      pages: t.pages.map((p, i) =>
        i === 0
          ? p
          : {
              ...p,
              lines: p.lines.filter((l) => l.role !== 'heading' && lineText(l) !== '续表'),
              items: p.items.map((x) => (x.kind === 'rule' ? { ...x, y: x.y - LINE_PITCH } : x)),
            },
      ),
    };
    const v = checkFit(bare, model([paragraph(han(30)), table]));
    expect(v.some((x) => x.startsWith('TABLE-1 page 2') && x.includes('续表'))).toBe(true);
    expect(v.some((x) => x.startsWith('TABLE-1 page 2') && x.includes('header'))).toBe(true);
    expect(v.some((x) => x.startsWith('TABLE-2 page 2'))).toBe(true);
  });
});

describe('the fit rules on generated documents', () => {
  it('hold on 400 seeded documents of every length, with and without seal, table and 版记, simplex and duplex', () => {
    const rnd = random(2026);
    const pick = (n: number) => Math.floor(rnd() * n);
    for (let k = 0; k < 400; k++) {
      const blocks: Block[] = [...MASTHEAD];
      for (let p = pick(6); p >= 0; p--) {
        if (rnd() < 0.3) blocks.push({ kind: 'heading', level: 1, text: '一、总体要求' });
        blocks.push(paragraph(han(5 + pick(200), k + p)));
      }
      if (rnd() < 0.3) {
        blocks.push(numberedTable(Array.from({ length: 1 + pick(30) }, (_, r) => han(1 + pick(50), r))));
        blocks.push(paragraph(han(5 + pick(80))));
      }
      if (rnd() < 0.2) blocks.push(paragraph('此复。'));
      if (rnd() < 0.2) blocks.push({ kind: 'attachments', items: ['奖励资金拨付明细表', '并州英才证书'] });
      blocks.push({ ...SIGNATURE, sealed: rnd() < 0.8 } as Block);
      if (rnd() < 0.2) blocks.push({ kind: 'note', text: '（此件公开发布）' });
      if (rnd() < 0.8) blocks.push({ ...IMPRINT, copyTo: `抄送：${'市委组织部，市财政局，'.repeat(rnd() < 0.9 ? pick(8) : pick(60))}市人社局。` } as Block);
      const duplex = rnd() < 0.2;
      const seal = rnd() < 0.7 ? SEAL_42 : rnd() < 0.5 ? { diameter: 60 * MM } : null;
      const layout = lay(blocks, { seal, duplex });
      expect(checkFit(layout, model(blocks), { duplex }), `seed 2026 document ${k}`).toEqual([]);
    }
  });
});
