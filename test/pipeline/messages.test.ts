import { describe, expect, it } from 'vitest';
import { issueMessage, issueRequestId, parseRenderMessage } from '../../lambdas/pipeline/messages.js';

const regenerate = { v: 1, kind: 'regenerate', caseId: 'TY-2026-000101', requestId: 'r-1', reason: '姓名更正', requestedBy: 'clerk.li' };

describe('render messages', () => {
  it('reads an issue message whose request id is derived from the case', () => {
    expect(issueMessage('TY-2026-000101')).toEqual({ v: 1, kind: 'issue', caseId: 'TY-2026-000101', requestId: 'issue-TY-2026-000101' });
    expect(issueRequestId('A-1')).toBe(issueRequestId('A-1'));
    expect(parseRenderMessage(JSON.stringify(issueMessage('TY-2026-000101')))).toEqual({ ok: true, message: issueMessage('TY-2026-000101') });
  });

  it('reads a regeneration with its reason, requester and optional document type', () => {
    const parsed = parseRenderMessage(JSON.stringify({ ...regenerate, docType: 'talent-scout-award' }));
    expect(parsed).toEqual({ ok: true, message: { ...regenerate, docType: 'talent-scout-award' } });
  });

  it('refuses a regeneration without a reason or without a requester, naming the field', () => {
    const { reason: _reason, ...noReason } = regenerate;
    expect(parseRenderMessage(JSON.stringify(noReason))).toMatchObject({ ok: false, reason: expect.stringContaining('reason') });
    expect(parseRenderMessage(JSON.stringify({ ...regenerate, requestedBy: '' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('requestedBy: say who asked for it'),
    });
  });

  it('refuses a body that is not JSON, a version it does not read, and fields it does not know', () => {
    expect(parseRenderMessage('{oops')).toMatchObject({ ok: false, reason: expect.stringContaining('not JSON') });
    expect(parseRenderMessage(JSON.stringify({ ...issueMessage('A-1'), v: 2 }))).toMatchObject({ ok: false, reason: expect.stringContaining('v: 2') });
    expect(parseRenderMessage(JSON.stringify({ ...issueMessage('A-1'), extra: 1 }))).toMatchObject({ ok: false, reason: expect.stringContaining('extra') });
    expect(parseRenderMessage(JSON.stringify({ ...regenerate, docType: 'no-such-type' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('docType'),
    });
  });

  it('refuses a case id that cannot be part of a table key', () => {
    expect(parseRenderMessage(JSON.stringify({ v: 1, kind: 'issue', caseId: 'CASE#1', requestId: 'x' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('caseId'),
    });
  });
});
