import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { maskIdNumbers } from '../../lambdas/catalogue/id-number.js';
import { CasesTable } from '../../lambdas/stores/cases-table.js';
import { DocumentVersionsTable } from '../../lambdas/stores/versions-table.js';
import { freshResources } from '../local/fixture.js';

const { clients, config } = await freshResources();
const fixedNow = () => new Date('2026-11-24T08:00:00.000Z');
const cases = new CasesTable(clients.documents, config.tableName, fixedNow);

const recipient = { name: '张三', idNumber: '14010519900105000X' };

describe('CasesTable', () => {
  it('refuses an item that lacks the shape this code writes, naming the item, the table and what is wrong', async () => {
    await clients.documents.send(new PutCommand({ TableName: config.tableName, Item: { pk: 'CASE#K-BAD', sk: 'CASE', caseId: 'K-BAD' } }));
    await expect(cases.getCase('K-BAD')).rejects.toMatchObject({
      code: 'STORED_ITEM_INVALID',
      message: expect.stringMatching(new RegExp(`^case K-BAD in table ${config.tableName}: .*status`)),
    });
    await clients.documents.send(new PutCommand({ TableName: config.tableName, Item: { pk: 'CASE#K-BAD', sk: 'DOC#skill-grand-award#0001', version: 'one' } }));
    await expect(new DocumentVersionsTable(clients.documents, config.tableName).listVersions('K-BAD')).rejects.toMatchObject({
      code: 'STORED_ITEM_INVALID',
      message: expect.stringContaining(`version DOC#skill-grand-award#0001 of CASE#K-BAD in table ${config.tableName}: `),
    });
  });

  it('reads back a case with its status and its fields, without the table keys', async () => {
    await cases.putCase({ caseId: 'K-1', status: 'APPROVED', docType: 'skill-grand-award', recipient, amount: 500_000 });
    const stored = await cases.getCase('K-1');
    expect(stored).toEqual({
      caseId: 'K-1',
      status: 'APPROVED',
      data: {
        caseId: 'K-1',
        status: 'APPROVED',
        docType: 'skill-grand-award',
        recipient,
        amount: 500_000,
        updatedAt: '2026-11-24T08:00:00.000Z',
      },
    });
  });

  it('returns undefined for a case that is not there', async () => {
    expect(await cases.getCase('K-NONE')).toBeUndefined();
  });

  it('marks a case FAILED with the reason, ID numbers masked, and records a FAILED event', async () => {
    await cases.putCase({ caseId: 'K-2', status: 'APPROVED', recipient });
    await cases.markCaseFailed('K-2', {
      code: 'CASE_INVALID',
      reason: 'recipient.idNumber: 14010519900105000Y has a wrong check digit (expected X)',
    });
    const stored = await cases.getCase('K-2');
    expect(stored?.status).toBe('FAILED');
    expect(stored?.data).toMatchObject({
      failure: {
        code: 'CASE_INVALID',
        reason: 'recipient.idNumber: 140105********000Y has a wrong check digit (expected X)',
        at: '2026-11-24T08:00:00.000Z',
      },
    });
    const { Items } = await clients.documents.send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
        ExpressionAttributeValues: { ':pk': 'CASE#K-2', ':event': 'EVENT#2026-11-24T08:00:00.000Z#' },
        ConsistentRead: true,
      }),
    );
    expect(Items).toEqual([expect.objectContaining({ type: 'FAILED', code: 'CASE_INVALID' })]);
  });

  it('refuses to mark a missing case FAILED, naming the case', async () => {
    await expect(cases.markCaseFailed('K-MISSING', { code: 'CASE_INVALID', reason: 'x' })).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
      message: expect.stringContaining('K-MISSING'),
    });
    expect(await cases.getCase('K-MISSING')).toBeUndefined();
  });

  it('sets a status only from the expected one when asked to', async () => {
    await cases.putCase({ caseId: 'K-3', status: 'APPROVED' });
    expect(await cases.setCaseStatus('K-3', 'ISSUED', { expected: 'APPROVED' })).toBe(true);
    expect(await cases.setCaseStatus('K-3', 'FAILED', { expected: 'APPROVED' })).toBe(false);
    expect((await cases.getCase('K-3'))?.status).toBe('ISSUED');
  });

  it('removes the failure of a case that had FAILED when it is marked ISSUED', async () => {
    await cases.putCase({ caseId: 'K-5', status: 'APPROVED' });
    await cases.markCaseFailed('K-5', { code: 'CASE_INVALID', reason: 'amounts.total: must equal the sum' });
    expect((await cases.getCase('K-5'))?.data).toHaveProperty('failure.code', 'CASE_INVALID');
    expect(await cases.setCaseStatus('K-5', 'ISSUED', { expected: 'FAILED' })).toBe(true);
    const issued = await cases.getCase('K-5');
    expect(issued?.status).toBe('ISSUED');
    expect(issued?.data).not.toHaveProperty('failure');
  });

  it('keeps the failure when a case is set to a status other than ISSUED', async () => {
    await cases.putCase({ caseId: 'K-6', status: 'APPROVED' });
    await cases.markCaseFailed('K-6', { code: 'CASE_INVALID', reason: 'amounts.total: must equal the sum' });
    await cases.setCaseStatus('K-6', 'APPROVED');
    expect((await cases.getCase('K-6'))?.data).toHaveProperty('failure.code', 'CASE_INVALID');
  });

  it('rejects a case id with the key separator “#”', async () => {
    await expect(cases.putCase({ caseId: 'K#4', status: 'APPROVED' })).rejects.toMatchObject({
      code: 'STORE_INPUT_INVALID',
      message: expect.stringContaining('caseId'),
    });
  });

  it('lists the APPROVED cases, and only those', async () => {
    await cases.putCase({ caseId: 'K-AP-1', status: 'APPROVED', recipient });
    await cases.putCase({ caseId: 'K-AP-2', status: 'ISSUED', recipient });
    const approved = await cases.approvedCaseIds();
    expect(approved).toContain('K-AP-1');
    expect(approved).not.toContain('K-AP-2');
    for (const id of approved) expect((await cases.getCase(id))?.status).toBe('APPROVED');
  });
});

describe('maskIdNumbers', () => {
  it('keeps the first 6 and last 4 characters of every resident ID number in a text', () => {
    expect(maskIdNumbers('张三 14010519900105000X，李四 140105190001010007。')).toBe('张三 140105********000X，李四 140105********0007。');
  });

  it('leaves longer digit runs, such as account numbers, alone', () => {
    expect(maskIdNumbers('6222021234567890123')).toBe('6222021234567890123');
  });
});
