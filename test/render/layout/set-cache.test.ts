import { describe, expect, it } from 'vitest';
import { MM, layoutDocument } from '../../../lambdas/render/layout/index.js';
import { LruCache } from '../../../lambdas/render/layout/lru.js';
import { setText, type Typesetter } from '../../../lambdas/render/layout/typeset.js';
import type { Measure } from '../../../lambdas/render/layout/types.js';
import type { Block, FontRole } from '../../../lambdas/render/model.js';
import { documentModel } from '../../../lambdas/render/render-document.js';
import { corpusCase } from '../../corpus/generate.js';
import { corpusRenderer } from '../../corpus/run.js';
import { MASTHEAD, IMPRINT, SEAL_42, SIGNATURE, han, model, paragraph, testMeasure } from './fixtures.js';

/** The same widths under a new identity: nothing set with it before, so every line is set afresh. */
const fresh = (m: Measure): Measure => ({ advance: (...a) => m.advance(...a), ascent: (...a) => m.ascent(...a) });

const body = { width: 448, firstIndent: 32, indent: 0 };
const typesetter = (measure: Measure, punctuation: 'grid' | 'gb15834' = 'grid', orphanControl = true): Typesetter => ({
  measure,
  breaking: { punctuation, orphanControl },
});
const TEXT =
  '根据《关于引进高层次人才的若干措施》（并发〔2018〕2号），经审核，核准给予你奖励人民币伍拾万元整（¥500,000.00）。请于2026年8月1日前到市人才服务中心办理。';

describe('the cache of set lines', () => {
  it('gives a sample of the corpus the same layout as setting every line afresh', () => {
    const r = corpusRenderer();
    const options = { seal: { diameter: 42 * MM } };
    let compared = 0;
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const laid = r.layout({ case: corpusCase(seed), documentNumber: '并人才奖〔2026〕1234号' });
      if ('front' in laid.model) continue;
      const model = documentModel(laid);
      for (const b of model.blocks) kinds.add(b.kind);
      const cold = layoutDocument(model, fresh(r.fonts.measure), options);
      layoutDocument(model, r.fonts.measure, options);
      const warm = layoutDocument(model, r.fonts.measure, options);
      expect(warm, `seed ${seed}`).toEqual(cold);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
    expect([...kinds]).toEqual(expect.arrayContaining(['title', 'to', 'paragraph', 'heading', 'table', 'signature']));
  });

  it('gives the 附件说明, the 附注 and the 版记 the same layout as setting them afresh', () => {
    const blocks: Block[] = [
      ...MASTHEAD,
      paragraph(han(60)),
      { kind: 'attachments', items: ['奖励资金拨付明细表', '并州英才证书'] },
      SIGNATURE,
      { kind: 'note', text: '（此件公开发布）' },
      IMPRINT,
    ];
    const cold = layoutDocument(model(blocks), fresh(testMeasure), { seal: SEAL_42 });
    layoutDocument(model(blocks), testMeasure, { seal: SEAL_42 });
    expect(layoutDocument(model(blocks), testMeasure, { seal: SEAL_42 })).toEqual(cold);
  });

  it('keeps apart every input the lines depend on', () => {
    const variants: [string, () => ReturnType<typeof setText>][] = [];
    const add = (name: string, run: (m: Measure) => ReturnType<typeof setText>) =>
      variants.push([name, () => run(testMeasure)], [`${name}, afresh`, () => run(fresh(testMeasure))]);
    const role: FontRole = 'body';
    add('body', (m) => setText(TEXT, body, typesetter(m), role, 16));
    add('narrower', (m) => setText(TEXT, { ...body, width: 300 }, typesetter(m), role, 16));
    add('hanging', (m) => setText(TEXT, { ...body, firstIndent: 0, indent: 48 }, typesetter(m), role, 16));
    add('smaller', (m) => setText(TEXT, body, typesetter(m), role, 14));
    add('kai', (m) => setText(TEXT, body, typesetter(m), 'kai', 16));
    add('centred', (m) => setText(TEXT, body, typesetter(m), role, 16, 'center'));
    add('GB/T 15834', (m) => setText(TEXT, body, typesetter(m, 'gb15834'), role, 16));
    add('no orphan control', (m) => setText(TEXT, body, typesetter(m, 'grid', false), role, 16));
    // Every variant first from the cache, warmed by all the others; then each against its fresh twin.
    const results = variants.map(([, run]) => run());
    for (let i = 0; i < variants.length; i += 2) expect(results[i], variants[i]![0]).toEqual(results[i + 1]);
    const distinct = new Set(results.map((lines) => JSON.stringify(lines)));
    expect(distinct.size).toBeGreaterThan(4);
  });

  it('shares frozen lines, so no document can change another’s', () => {
    const ts = typesetter(testMeasure);
    const first = setText(TEXT, body, ts, 'body', 16);
    const second = setText(TEXT, body, ts, 'body', 16);
    expect(second[0]).toBe(first[0]);
    expect(second).not.toBe(first);
    expect(() => {
      (first[0]!.placed[0]!.unit as { text: string }).text = '改';
    }).toThrow(TypeError);
  });
});

describe('the least-recently-used cache', () => {
  it('drops the least recently used entries when their weight passes the bound', () => {
    const cache = new LruCache<string>(10);
    cache.set('a', 'A', 4);
    cache.set('b', 'B', 4);
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C', 4);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    expect(cache.weight).toBe(8);
  });

  it('keeps no entry heavier than the whole cache', () => {
    const cache = new LruCache<string>(10);
    cache.set('a', 'A', 4);
    cache.set('big', 'B', 11);
    expect([cache.get('a'), cache.get('big'), cache.size]).toEqual(['A', undefined, 1]);
  });
});
