import { describe, expect, it } from 'vitest';
import { BENCH_DOCUMENTS, BENCH_DOCUMENT_IDS, benchCase, benchNumber } from '../../bench/documents.js';
import { exampleCase, parseCase } from '../../lambdas/catalogue/index.js';
import { DocumentRef } from '../../lambdas/render/template.js';

describe.each(BENCH_DOCUMENT_IDS)('the %s the bench renders', (id) => {
  it('is the example case as variant 0', () => {
    expect(benchCase(id, 0)).toEqual(exampleCase(BENCH_DOCUMENTS[id].docType));
  });

  it('has valid variants for a different recipient each', () => {
    const recipients = new Set<string>();
    for (let i = 1; i <= 16; i++) {
      const c = parseCase(benchCase(id, i));
      expect(c.docType).toBe(BENCH_DOCUMENTS[id].docType);
      recipients.add(JSON.stringify(c.recipient));
    }
    expect(recipients.size).toBe(16);
  });

  it('names a different recipient in each of the first 2,000 variants, so no warm loop renders a recipient twice', () => {
    const names = new Set<string>();
    const numbers = new Set<string>();
    for (let i = 1; i <= 2000; i++) {
      const recipient = (benchCase(id, i) as { recipient: { name: string; idNumber?: string; creditCode?: string } }).recipient;
      names.add(recipient.name);
      numbers.add(recipient.idNumber ?? recipient.creditCode ?? '');
    }
    expect(names.size).toBe(2000);
    expect(numbers.size).toBe(2000);
  });

  it('uses a 发文字号 the templates accept', () => {
    expect(DocumentRef.safeParse({ number: benchNumber(id), date: '2026-01-01' }).success).toBe(true);
  });
});
