import { describe, expect, it } from 'vitest';
import { caseDetail } from '../../lambdas/api/case-view.js';
import { exampleCase } from '../../lambdas/catalogue/index.js';

describe('the recipient as pages show it', () => {
  it('is the normalised text the document prints, while the stored case keeps what was typed', () => {
    const data = exampleCase('platform-subsidy');
    data.recipient.name = '"太原重型"机械集团(有限公司)\u200B';
    const detail = caseDetail({ caseId: data.caseId, status: 'ISSUED', data });
    expect(detail.recipientMasked).toBe('“太原重型”机械集团（有限公司）');
    expect(data.recipient.name).toBe('"太原重型"机械集团(有限公司)\u200B');
  });

  it('masks a person’s name after removing padding spaces and invisible characters', () => {
    const data = exampleCase('skill-grand-award');
    if (data.recipient.kind === 'person') data.recipient.name = '欧阳\u00A0振华\u00AD';
    expect(caseDetail({ caseId: data.caseId, status: 'ISSUED', data }).recipientMasked).toBe('欧**华');
  });
});
