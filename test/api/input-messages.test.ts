// What staff read when the API refuses what they typed: every problem at once, each by the field's
// Chinese name with the limit or the choices; the code stays INVALID_INPUT and `message` keeps the
// technical wording with the field and rule.
import { describe, expect, it } from 'vitest';
import { apiFixture, gatewayEvent, jsonOf, STAFF_CLAIMS } from './fixture.js';

const fx = await apiFixture();

async function refusal(method: 'GET' | 'POST', path: string, options: { query?: string; body?: unknown } = {}) {
  const res = await fx.call(
    gatewayEvent({
      claims: STAFF_CLAIMS,
      method,
      path,
      ...(options.query !== undefined ? { query: options.query } : {}),
      ...(options.body !== undefined ? { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } } : {}),
    }),
  );
  expect(res.statusCode).toBe(400);
  return jsonOf(res) as { code: string; message: string; messageZh: string };
}

describe('a refused request', () => {
  it('says a regeneration without a reason and with an unknown document type has both problems', async () => {
    const r = await refusal('POST', '/cases/TY-2026-000102/regenerate', { body: { reason: '  ', docType: 'skill-award' } });
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.messageZh).toBe('填写的内容有误：原因：不能为空；文书类型：“skill-award”不是可选的值（共 20 个可选值，请从列表中选择）');
    expect(r.message).toMatch(/^body: reason: say why/);
  });

  it('names a misspelt field and a count typed as text in a bulk regeneration', async () => {
    const r = await refusal('POST', '/regenerations', {
      body: { docType: 'skill-grand-award', reason: '更正单位名称', expectedCount: '31', fingerprint: 'abc', approvedFrm: '2026-01-01' },
    });
    expect(r.messageZh).toBe(
      '填写的内容有误：确认份数：应为数字（不加引号），填写的是文字“31”；预览结果：“abc”的格式不正确；提交的内容：有无法识别的字段 “approvedFrm”，请检查拼写',
    );
  });

  it('says a dry run’s dates are out of order and not dates', async () => {
    expect(
      (await refusal('POST', '/regenerations/dry-run', { body: { docType: 'skill-grand-award', approvedFrom: '2026-12-01', approvedTo: '2026-01-01' } }))
        .messageZh,
    ).toBe('填写的内容有误：成文日期（起）：不能晚于成文日期（止）');
    expect((await refusal('POST', '/regenerations/dry-run', { body: { docType: 'skill-grand-award', approvedFrom: '2026/01/01' } })).messageZh).toBe(
      '填写的内容有误：成文日期（起）：“2026/01/01”不是有效的日期（YYYY-MM-DD，如 2026-11-24）',
    );
  });

  it('names a search’s bad status and date by their Chinese names', async () => {
    const r = await refusal('GET', '/cases', { query: `status=CURRENT&from=2026-13-01&q=${'案'.repeat(61)}` });
    expect(r.messageZh).toBe(
      '填写的内容有误：查询内容：最多可有 60 个字；状态：“CURRENT”不是可选的值（可选：“APPROVED”、“ISSUED”、“FAILED”、“WITHDRAWN”）；日期（起）：“2026-13-01”不是有效的日期（YYYY-MM-DD，如 2026-11-24）',
    );
  });

  it('keeps a schema’s own Chinese wording, and names a bad path parameter', async () => {
    const send = await refusal('POST', '/cases/TY-2026-000102/recipient-link/send', { body: { channel: 'fax', to: '' } });
    expect(send.messageZh).toBe('填写的内容有误：发送方式：发送方式应为 sms（短信）、email（电子邮件）或 wechat（微信）；接收地址：请填写接收地址');
    const version = await refusal('GET', '/cases/TY-2026-000102/documents/0/download');
    expect(version.messageZh).toBe('填写的内容有误：版本：0 小于最小值 1');
  });
});
