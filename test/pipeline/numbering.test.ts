import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, numberAllocator, parseDocumentNumber, type NumberRequest } from '../../lambdas/pipeline/numbering.js';
import { CasesTable } from '../../lambdas/stores/cases-table.js';
import { DocumentNumbersTable } from '../../lambdas/stores/document-numbers-table.js';
import { freshResources } from '../local/fixture.js';

const { clients, config } = await freshResources();
const cases = new CasesTable(clients.documents, config.tableName);
const numbers = new DocumentNumbersTable(clients.documents, config.tableName);
// Two allocators stand for two worker processes: the guarantees must hold across them, not only within one.
const workers = [numberAllocator(numbers), numberAllocator(numbers)] as const;
const assign = (request: NumberRequest, worker = 0) => workers[worker % 2]!.assign(request);

async function approvedCases(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i + 1}`);
  await Promise.all(ids.map((caseId) => cases.putCase({ caseId, status: 'APPROVED', docType: 'skill-grand-award' })));
  return ids;
}

const seqOf = (documentNumber: string) => parseDocumentNumber(documentNumber)?.seq;

describe('document number format', () => {
  it('writes the year in U+3014/U+3015 brackets and the number without leading zeros', () => {
    expect(formatDocumentNumber('并人才奖', 2026, 17)).toBe('并人才奖\u30142026\u301517号');
    expect(formatDocumentNumber('并人才奖', 2026, 7)).toBe('并人才奖〔2026〕7号');
  });

  it('reads back the prefix, year and number it wrote', () => {
    expect(parseDocumentNumber('并人才奖〔2026〕17号')).toEqual({ prefix: '并人才奖', year: 2026, seq: 17 });
    expect(parseDocumentNumber('并人才奖[2026]17号')).toBeUndefined();
    expect(parseDocumentNumber('并人才奖〔2026〕017号')).toBeUndefined();
  });

  it('refuses a sequence number below 1', () => {
    expect(() => formatDocumentNumber('并人才奖', 2026, 0)).toThrow(expect.objectContaining({ code: 'DOCUMENT_NUMBER_INVALID' }));
  });

  it('pads a card number to six digits and reads it back', () => {
    expect(formatDocumentNumber('并人才卡', 2026, 123, 6)).toBe('并人才卡〔2026〕000123号');
    expect(parseDocumentNumber('并人才卡〔2026〕000123号')).toEqual({ prefix: '并人才卡', year: 2026, seq: 123 });
    expect(parseDocumentNumber('并人才卡〔2026〕000000号')).toBeUndefined();
  });
});

describe('numbering cases', () => {
  it('gives 20 cases numbered at the same time the numbers 1 to 20, each once', async () => {
    const ids = await approvedCases('C20', 20);
    const assigned = await Promise.all(ids.map((caseId, i) => assign({ caseId, prefix: '并人才奖', year: 2026 }, i)));
    const seqs = assigned.map((a) => seqOf(a.documentNumber)).sort((a, b) => (a ?? 0) - (b ?? 0));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(assigned.every((a) => a.fresh)).toBe(true);
    expect(await numbers.lastTaken('并人才奖', 2026)).toBe(20);
    // The number is stored on each case, as the case reads back.
    const stored = await Promise.all(ids.map((id) => cases.getCase(id)));
    expect(stored.map((c) => c?.documentNumber)).toEqual(assigned.map((a) => a.documentNumber));
  });

  it('gives a case asked for twice, even at the same moment, one number and skips none', async () => {
    const [first, second] = await approvedCases('TWICE', 2);
    const prefix = '并人才补';
    const both = await Promise.all([assign({ caseId: first!, prefix, year: 2026 }, 0), assign({ caseId: first!, prefix, year: 2026 }, 1)]);
    const again = await assign({ caseId: first!, prefix, year: 2026 });
    expect(new Set([...both, again].map((a) => a.documentNumber))).toEqual(new Set(['并人才补〔2026〕1号']));
    expect(again.fresh).toBe(false);
    expect((await assign({ caseId: second!, prefix, year: 2026 })).documentNumber).toBe('并人才补〔2026〕2号');
  });

  it('counts each prefix and each year on its own', async () => {
    const [a, b, c] = await approvedCases('SEP', 3);
    expect((await assign({ caseId: a!, prefix: '并人才批', year: 2026 })).documentNumber).toBe('并人才批〔2026〕1号');
    expect((await assign({ caseId: b!, prefix: '并人才批', year: 2027 })).documentNumber).toBe('并人才批〔2027〕1号');
    expect((await assign({ caseId: c!, prefix: '并人才核', year: 2026 })).documentNumber).toBe('并人才核〔2026〕1号');
  });

  it('keeps the number a case has when it is asked again in a later year', async () => {
    const [caseId] = await approvedCases('KEEP', 1);
    await assign({ caseId: caseId!, prefix: '并人才留', year: 2026 });
    const later = await assign({ caseId: caseId!, prefix: '并人才留', year: 2027 });
    expect(later).toEqual({ documentNumber: '并人才留〔2026〕1号', fresh: false });
    expect(await numbers.lastTaken('并人才留', 2027)).toBe(0);
  });

  it('takes no number for a case that does not exist', async () => {
    await expect(assign({ caseId: 'NO-SUCH-CASE', prefix: '并人才无', year: 2026 })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    expect(await numbers.lastTaken('并人才无', 2026)).toBe(0);
  });

  it('rejects a prefix with brackets, naming the field', async () => {
    await expect(assign({ caseId: 'C20-1', prefix: '并〔人才〕', year: 2026 })).rejects.toMatchObject({
      code: 'STORE_INPUT_INVALID',
      message: expect.stringContaining('prefix'),
    });
  });
});
