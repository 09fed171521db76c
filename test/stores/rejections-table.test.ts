import { describe, expect, it } from 'vitest';
import { RejectionsTable } from '../../lambdas/stores/rejections-table.js';
import { freshResources } from '../local/fixture.js';

const { clients, config } = await freshResources();
let clock = new Date('2026-11-25T01:00:00.000Z');
const rejections = new RejectionsTable(clients.documents, config.tableName, () => clock);

describe('RejectionsTable', () => {
  it('keeps one rejection per message, ID numbers masked, and lists them', async () => {
    const input = {
      messageId: 'm-1',
      code: 'CASE_NOT_FOUND',
      reason: 'no case for 14010519900105000X',
      body: '{"idNumber":"14010519900105000X"}',
      caseId: 'R-1',
    };
    await rejections.record(input);
    await rejections.record(input);
    const listed = await rejections.list();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ messageId: 'm-1', reason: 'no case for 140105********000X', body: '{"idNumber":"140105********000X"}' });
  });

  it('names the cases of messages rejected at or after a time, each with its latest rejection', async () => {
    clock = new Date('2026-11-25T02:00:00.000Z');
    await rejections.record({ messageId: 'm-2', code: 'CASE_NOT_FOUND', reason: 'no such case', body: '{}', caseId: 'R-2' });
    await rejections.record({ messageId: 'm-3', code: 'MESSAGE_INVALID', reason: 'not a message', body: 'garbage' });
    expect(new Set((await rejections.casesRejectedSince('2026-11-25T02:00:00.000Z')).keys())).toEqual(new Set(['R-2']));
    expect(new Set((await rejections.casesRejectedSince('2026-11-25T00:00:00.000Z')).keys())).toEqual(new Set(['R-1', 'R-2']));
    expect((await rejections.casesRejectedSince('2026-11-25T00:00:00.000Z')).get('R-2')).toBe('2026-11-25T02:00:00.000Z');
  });
});
