import { describe, expect, it } from 'vitest';
import { DOC_TYPE_IDS, DOC_TYPES, EXAMPLE_CASES, checkCreditCode, checkIdNumber, exampleCase, safeParseCase } from '../../lambdas/catalogue/index.js';

describe('example cases', () => {
  for (const id of DOC_TYPE_IDS) {
    it(`has a valid example for ${id}`, () => {
      const r = safeParseCase(EXAMPLE_CASES[id]);
      expect(r.success ? 'valid' : r.error.message).toBe('valid');
      expect(EXAMPLE_CASES[id].docType).toBe(id);
    });
  }

  it('addresses each type only with the recipient kinds its registry entry allows', () => {
    for (const id of DOC_TYPE_IDS) {
      expect(DOC_TYPES[id].recipientKinds).toContain(EXAMPLE_CASES[id].recipient.kind);
    }
  });

  it('uses ID numbers and credit codes whose check characters are right', () => {
    for (const c of Object.values(EXAMPLE_CASES)) {
      const r = c.recipient.kind === 'person' ? checkIdNumber(c.recipient.idNumber) : checkCreditCode(c.recipient.creditCode);
      expect(r.ok).toBe(true);
    }
  });

  it('includes rare-character and separator names', () => {
    const names = Object.values(EXAMPLE_CASES).map((c) => c.recipient.name);
    expect(names).toContain('童𬱖');
    expect(names).toContain('王䶮');
    expect(names).toContain('买买提·艾力');
  });

  it('has unique case ids', () => {
    const ids = Object.values(EXAMPLE_CASES).map((c) => c.caseId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('parses to itself: a parsed case is valid input again', () => {
    for (const id of DOC_TYPE_IDS) {
      const once = safeParseCase(EXAMPLE_CASES[id]);
      expect(once.success).toBe(true);
      if (once.success) expect(safeParseCase(once.data)).toEqual(once);
    }
  });

  it('gives a fresh copy that can be changed without touching the shared example', () => {
    const c = exampleCase('skill-grand-award');
    c.details.awardYear = 2020;
    expect(EXAMPLE_CASES['skill-grand-award'].details.awardYear).toBe(2025);
  });

  it('has a long staffing-pool letter for the multi-page benchmark', () => {
    const c = EXAMPLE_CASES['staffing-pool-approval'];
    expect(c.details.posts.length).toBeGreaterThanOrEqual(20);
    expect((c.details.conditions ?? []).length).toBeGreaterThanOrEqual(8);
  });
});
