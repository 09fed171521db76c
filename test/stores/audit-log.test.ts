import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../lambdas/stores/audit-log.js';
import { freshResources } from '../local/fixture.js';

const { clients, config } = await freshResources();
const audit = new AuditLog(clients.documents, config.tableName);

describe('AuditLog', () => {
  it('reads a case’s events back oldest first, with their fields, and none of another case', async () => {
    await audit.record('2026-11-25T02:00:00.000Z', 'b', { type: 'SENT', caseId: 'A-1', at: '2026-11-25T02:00:00.000Z', channel: 'sms' });
    await audit.record('2026-11-25T01:00:00.000Z', 'a', { type: 'SENT', caseId: 'A-1', at: '2026-11-25T01:00:00.000Z', channel: 'email' });
    await audit.record('2026-11-25T01:30:00.000Z', 'c', { type: 'SENT', caseId: 'A-2', at: '2026-11-25T01:30:00.000Z' });
    const events = await audit.events('A-1');
    expect(events.map((e) => e.channel)).toEqual(['email', 'sms']);
    expect(events[0]).toMatchObject({ type: 'SENT', caseId: 'A-1', at: '2026-11-25T01:00:00.000Z' });
  });

  it('records an event once under its key: a second write says it was there and changes nothing', async () => {
    const hour = '2026-11-25T03:00:00.000Z';
    expect(await audit.recordOnce(hour, 'download-x', { type: 'DOWNLOADED', caseId: 'A-3', at: '2026-11-25T03:05:00.000Z', by: 'first' })).toBe(true);
    expect(await audit.recordOnce(hour, 'download-x', { type: 'DOWNLOADED', caseId: 'A-3', at: '2026-11-25T03:40:00.000Z', by: 'second' })).toBe(false);
    expect(await audit.events('A-3')).toEqual([expect.objectContaining({ by: 'first', at: '2026-11-25T03:05:00.000Z' })]);
  });
});
