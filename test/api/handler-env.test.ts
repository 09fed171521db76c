// The exported Lambda handler builds its API from the environment on the first request, as on
// AWS; a configuration it cannot use answers 503 and is tried again on the next request.
import { afterAll, describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/handlers/api.js';
import { apiFixture, gatewayEvent, jsonOf, STAFF_CLAIMS } from './fixture.js';

const fx = await apiFixture();
await fx.issue('platform-subsidy', 'TY-ENV-0001');
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

describe('the handler configured from the environment', () => {
  it('answers 503 with a code while the configuration is incomplete', async () => {
    delete process.env.NOTICE_TABLE_NAME;
    const res = await handler(gatewayEvent({ method: 'GET', path: '/me', claims: STAFF_CLAIMS }));
    expect(res.statusCode).toBe(503);
    expect(jsonOf(res).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('serves requests once the variables are set, against the configured table', async () => {
    Object.assign(process.env, fx.apiEnv);
    const res = await handler(gatewayEvent({ method: 'GET', path: '/cases/TY-ENV-0001/documents', claims: STAFF_CLAIMS }));
    expect(res.statusCode).toBe(200);
    expect(jsonOf(res)).toMatchObject({ case: { caseId: 'TY-ENV-0001', status: 'ISSUED' } });
  });
});
