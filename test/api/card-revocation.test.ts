// The green card's standing and its revocation, through the API's Lambda handler against the
// local stack: staff routes, the verification page, regeneration refused, the worker's refusal.
import { describe, expect, it } from 'vitest';
import { cardState } from '../../lambdas/catalogue/cards.js';
import { processRenderMessage } from '../../lambdas/pipeline/process-message.js';
import { apiFixture, gatewayEvent, jsonOf, STAFF_CLAIMS, textOf } from './fixture.js';

let clock = new Date('2026-10-08T02:00:00Z');
const fx = await apiFixture({ now: () => clock });
await fx.issue('talent-green-card', 'TY-CARD-0001');
await fx.issue('talent-green-card', 'TY-CARD-0002');
await fx.issue('skill-grand-award', 'TY-CARD-0003');

const staff = (path: string) => fx.call(gatewayEvent({ method: 'GET', path, claims: STAFF_CLAIMS }));
const post = (path: string, body: unknown) =>
  fx.call(gatewayEvent({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), claims: STAFF_CLAIMS }));
/** The holder's link page, opened through the link staff would send them. */
const landingPage = async (caseId: string) => {
  const link = new URL(String(jsonOf(await staff(`/cases/${caseId}/recipient-link`)).link));
  return textOf(await fx.call(gatewayEvent({ method: 'GET', path: link.pathname, query: link.search.slice(1) })));
};
const verifyPage = async (caseId: string) => {
  const card = jsonOf(await staff(`/cases/${caseId}/card`)) as { verifyUrl: string };
  return textOf(await fx.call(gatewayEvent({ method: 'GET', path: new URL(card.verifyUrl).pathname })));
};

describe('a card’s state', () => {
  it('is valid through the last day of its validity, expired from the next, and revoked whatever the date', () => {
    expect(cardState('2031-08-31', false, '2031-08-31')).toBe('valid');
    expect(cardState('2031-08-31', false, '2031-09-01')).toBe('expired');
    expect(cardState('2031-08-31', true, '2027-01-01')).toBe('revoked');
  });
});

describe('the card’s standing for staff', () => {
  it('says 有效 with the validity in Beijing dates and the verification page of the current version', async () => {
    const res = await staff('/cases/TY-CARD-0001/card');
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toMatchObject({ state: 'valid', stateName: '有效', validFrom: '2026-09-01', validTo: '2031-08-31', version: 1, revokedAt: null });
    expect(String(jsonOf(res).verifyUrl)).toMatch(/^https:\/\/notices\.example\.test\/v\//);
  });

  it('refuses a case that is no card with 409 and a Chinese message', async () => {
    const res = await staff('/cases/TY-CARD-0003/card');
    expect(res.statusCode).toBe(409);
    expect(jsonOf(res)).toMatchObject({ code: 'NOT_A_CARD', messageZh: expect.stringContaining('不是人才服务“绿卡”') });
  });
});

describe('the verification page of a valid card', () => {
  it('says 绿卡真实有效 with the validity period', async () => {
    const page = await verifyPage('TY-CARD-0001');
    expect(page).toContain('data-verdict="card-valid"');
    expect(page).toContain('绿卡真实有效');
    expect(page).toContain('2026年9月1日至2031年8月31日');
    expect(page).toContain('data-card-state="valid"');
  });
});

describe('revoking a card', () => {
  it('refuses a missing or blank reason with 400 and changes nothing', async () => {
    for (const body of [{}, { reason: '  ' }]) {
      const res = await post('/cases/TY-CARD-0001/card/revoke', body);
      expect(res.statusCode).toBe(400);
      expect(jsonOf(res)).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('reason') });
    }
    expect(jsonOf(await staff('/cases/TY-CARD-0001/card'))).toMatchObject({ state: 'valid' });
  });

  it('records who, when and why on the current version and in the history', async () => {
    const res = await post('/cases/TY-CARD-0001/card/revoke', { reason: '持卡人已调离本市' });
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toMatchObject({
      revokedNow: true,
      state: 'revoked',
      stateName: '已注销',
      revokedAt: clock.toISOString(),
      revokedBy: 'clerk@example.test',
      revokedReason: '持卡人已调离本市',
      revokedOn: '2026-10-08',
    });
    const [v1] = await fx.deps.versions.listVersions('TY-CARD-0001');
    expect(v1).toMatchObject({ status: 'CURRENT', revokedAt: clock.toISOString(), revokedBy: 'clerk@example.test', revokedReason: '持卡人已调离本市' });
    const history = jsonOf(await staff('/cases/TY-CARD-0001/history')) as { events: { type: string; by: string; reason: string; version: number }[] };
    expect(history.events.filter((e) => e.type === 'REVOKED')).toEqual([
      expect.objectContaining({ by: 'clerk@example.test', reason: '持卡人已调离本市', version: 1 }),
    ]);
  });

  it('keeps the first revocation when asked again, says so, and writes no second event', async () => {
    const first = clock.toISOString();
    clock = new Date('2026-10-09T02:00:00Z');
    const res = await post('/cases/TY-CARD-0001/card/revoke', { reason: '另一原因' });
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toMatchObject({ revokedNow: false, revokedAt: first, revokedReason: '持卡人已调离本市' });
    const events = (await fx.events('TY-CARD-0001')).filter((e) => e.type === 'REVOKED');
    expect(events).toHaveLength(1);
  });

  it('shows 已注销 and the date on the verification page, never the reason', async () => {
    const page = await verifyPage('TY-CARD-0001');
    expect(page).toContain('data-verdict="card-revoked"');
    expect(page).toContain('绿卡已注销');
    expect(page).toContain('2026年10月8日');
    expect(page).not.toContain('持卡人已调离本市');
  });

  it('tells the holder on their link page that the card is revoked, and when, without the reason', async () => {
    const page = await landingPage('TY-CARD-0001');
    expect(page).toContain('data-card-notice="revoked"');
    expect(page).toContain('您的绿卡已于2026年10月8日注销');
    expect(page).toContain('data-card-state="revoked"');
    expect(page).not.toContain('持卡人已调离本市');
    expect(await landingPage('TY-CARD-0002')).not.toContain('data-card-notice');
  });

  it('refuses to regenerate a revoked card with 409 and a Chinese reason, and queues nothing', async () => {
    const res = await post('/cases/TY-CARD-0001/regenerate', { reason: '更正姓名' });
    expect(res.statusCode).toBe(409);
    expect(jsonOf(res)).toMatchObject({ code: 'CARD_REVOKED', messageZh: '该绿卡已注销，不能重新生成；如需发卡，请作为新案件办理' });
    expect(await fx.queuedBodies()).toEqual([]);
  });

  it('leaves a revoked card out of a bulk regeneration’s dry run and says how many were left out', async () => {
    const res = await post('/regenerations/dry-run', { docType: 'talent-green-card' });
    expect(res.statusCode).toBe(200);
    const plan = jsonOf(res) as { count: number; revokedExcluded: number; examples: { caseId: string }[] };
    expect(plan).toMatchObject({ count: 1, revokedExcluded: 1 });
    expect(plan.examples.map((e) => e.caseId)).toEqual(['TY-CARD-0002']);
    expect(await fx.queuedBodies()).toEqual([]);
  });

  it('marks the revoked version in the staff view of the case’s versions', async () => {
    const revoked = jsonOf(await staff('/cases/TY-CARD-0001/documents')) as { versions: { version: number; revokedAt: string | null }[] };
    expect(revoked.versions).toEqual([expect.objectContaining({ version: 1, revokedAt: '2026-10-08T02:00:00.000Z' })]);
    const valid = jsonOf(await staff('/cases/TY-CARD-0002/documents')) as { versions: { revokedAt: string | null }[] };
    expect(valid.versions.map((v) => v.revokedAt)).toEqual([null]);
  });

  it('has the worker reject a regeneration queued before the revocation', async () => {
    const body = JSON.stringify({
      v: 1,
      kind: 'regenerate',
      caseId: 'TY-CARD-0001',
      requestId: 'regen-queued-earlier',
      reason: '模板更正',
      requestedBy: 'clerk@example.test',
    });
    const outcome = await processRenderMessage(fx.deps, { messageId: 'm-revoked', body });
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'CARD_REVOKED' });
    expect(await fx.deps.versions.listVersions('TY-CARD-0001')).toHaveLength(1);
  });

  it('refuses a case that is no card', async () => {
    const res = await post('/cases/TY-CARD-0003/card/revoke', { reason: '误操作' });
    expect(res.statusCode).toBe(409);
    expect(jsonOf(res).code).toBe('NOT_A_CARD');
  });
});

describe('an expired card', () => {
  it('says 已过期 on the verification page from the day after its validity ends (Beijing date)', async () => {
    clock = new Date('2031-08-31T15:59:00Z'); // 23:59 on 31 August in Beijing: still valid
    expect(jsonOf(await staff('/cases/TY-CARD-0002/card'))).toMatchObject({ state: 'valid' });
    clock = new Date('2031-08-31T16:00:00Z'); // 00:00 on 1 September in Beijing
    expect(jsonOf(await staff('/cases/TY-CARD-0002/card'))).toMatchObject({ state: 'expired', stateName: '已过期' });
    const page = await verifyPage('TY-CARD-0002');
    expect(page).toContain('data-verdict="card-expired"');
    expect(page).toContain('绿卡真实，但已过期');
    expect(await landingPage('TY-CARD-0002')).toContain('您的绿卡已于2031年8月31日到期');
  });
});
