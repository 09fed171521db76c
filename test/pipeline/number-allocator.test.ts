import { describe, expect, it } from 'vitest';
import { numberAllocator, parseDocumentNumber } from '../../lambdas/pipeline/numbering.js';
import { CasesTable } from '../../lambdas/stores/cases-table.js';
import { DocumentNumbersTable } from '../../lambdas/stores/document-numbers-table.js';
import { freshResources } from '../local/fixture.js';

const { clients, config } = await freshResources();
const cases = new CasesTable(clients.documents, config.tableName);
const numbers = new DocumentNumbersTable(clients.documents, config.tableName);
/** One allocator per worker process (Lambda environment); they share the table's counters. */
const allocator = () => numberAllocator(numbers);

async function approved(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
  await Promise.all(ids.map((caseId) => cases.putCase({ caseId, status: 'APPROVED', docType: 'postdoc-station' })));
  return ids;
}
const seq = (n: string) => parseDocumentNumber(n)!.seq;

describe('numberAllocator', () => {
  it('numbers 60 cases asked for at once, by two workers sharing the counter, 1 to 60 with no gap and no repeat', async () => {
    const ids = await approved('BATCH', 60);
    const [a, b] = [allocator(), allocator()];
    const assigned = await Promise.all(ids.map((caseId, i) => (i % 2 ? a : b).assign({ caseId, prefix: '并人才批', year: 2026 })));
    expect(assigned.map((x) => seq(x.documentNumber)).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(assigned.every((x) => x.fresh)).toBe(true);
    expect(await numbers.lastTaken('并人才批', 2026)).toBe(60);
    const stored = await Promise.all(ids.map((id) => cases.getCase(id)));
    expect(stored.map((c) => c?.documentNumber)).toEqual(assigned.map((x) => x.documentNumber));
  });

  it('gives a case asked for several times at once one number, and spends no other', async () => {
    const [caseId, next] = await approved('REPEAT', 2);
    const numbering = allocator();
    const all = await Promise.all([1, 2, 3].map(() => numbering.assign({ caseId: caseId!, prefix: '并人才补', year: 2030 })));
    expect(new Set(all.map((x) => x.documentNumber))).toEqual(new Set(['并人才补〔2030〕1号']));
    expect((await allocator().assign({ caseId: caseId!, prefix: '并人才补', year: 2030 })).fresh).toBe(false);
    expect((await numbering.assign({ caseId: next!, prefix: '并人才补', year: 2030 })).documentNumber).toBe('并人才补〔2030〕2号');
  });

  it('fails only the missing case of a batch, and numbers the others without a gap', async () => {
    const ids = await approved('MISSING', 3);
    const numbering = allocator();
    const results = await Promise.allSettled([...ids, 'MISSING-NOBODY'].map((caseId) => numbering.assign({ caseId, prefix: '并人才奖', year: 2031 })));
    expect(results.at(-1)).toMatchObject({ status: 'rejected', reason: { code: 'CASE_NOT_FOUND' } });
    const numbered = results.slice(0, 3).map((r) => (r.status === 'fulfilled' ? seq(r.value.documentNumber) : 0));
    expect(numbered.sort()).toEqual([1, 2, 3]);
    expect(await numbers.lastTaken('并人才奖', 2031)).toBe(3);
  });
});
