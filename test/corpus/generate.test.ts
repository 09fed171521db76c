import { describe, expect, it } from 'vitest';
import { DOC_TYPE_IDS, safeParseCase } from '../../lambdas/catalogue/index.js';
import { COMPOUND_SURNAMES, corpusCase, generateCase } from './generate.js';

describe('the corpus generator', () => {
  it('makes only cases the catalogue accepts, for every document type', () => {
    const rejected: string[] = [];
    for (const docType of DOC_TYPE_IDS) {
      for (let seed = 0; seed < 150; seed++) {
        const c = generateCase(docType, seed);
        const r = safeParseCase(c);
        if (!r.success) rejected.push(`${docType} seed ${seed}: ${r.error.message}\n${JSON.stringify(c)}`);
      }
    }
    expect(rejected.length, rejected.slice(0, 3).join('\n')).toBe(0);
  });

  it('makes the same case from the same seed', () => {
    expect(corpusCase(42)).toEqual(corpusCase(42));
    expect(corpusCase(42)).not.toEqual(corpusCase(43));
  });

  it('covers compound and · names, long employers, 80-row tables and 20 抄送 entries', () => {
    const cases = Array.from({ length: 3000 }, (_, seed) => corpusCase(seed));
    const json = JSON.stringify(cases);
    for (const s of COMPOUND_SURNAMES.slice(0, 5)) expect(json).toContain(`"name":"${s}`);
    expect(json).toMatch(/"name":"[^"]+·[^"]+"/);
    expect(json).toContain('Shanxi Jinneng Group Co., Ltd.');
    expect(Math.max(...cases.map((c) => c.copyTo?.length ?? 0))).toBe(20);
    expect(cases.some((c) => c.copyTo === undefined)).toBe(true);
    const rows = cases.flatMap((c) => (c.docType === 'staffing-pool-approval' ? [c.details.posts.length] : []));
    expect(Math.max(...rows)).toBe(80);
    expect(Math.min(...rows)).toBe(1);
    const employers = cases.flatMap((c) => (c.recipient.kind === 'person' && c.recipient.employer ? [[...c.recipient.employer].length] : []));
    expect(Math.max(...employers)).toBeGreaterThanOrEqual(55);
  });
});
