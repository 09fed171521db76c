import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, inject, it } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { issueMessage } from '../../lambdas/pipeline/messages.js';
import { CasesTable } from '../../lambdas/stores/cases-table.js';
import { freshResources } from '../local/fixture.js';
const run = promisify(execFile);
const DRIVER = fileURLToPath(new URL('./bundled-worker-driver.mjs', import.meta.url));
const ASSETS = JSON.parse(process.env.SCRATCH_ASSETS!) as Record<string, string>;
it('compares cold starts', async () => {
  const resources = await freshResources();
  const endpoints = inject('localStack');
  const cases = new CasesTable(resources.clients.documents, resources.config.tableName);
  const results: Record<string, { imp: number[]; first: number[]; wall: number[] }> = {};
  for (let i = 0; i < 7; i++) {
    for (const [label, dir] of Object.entries(ASSETS)) {
      const copy = mkdtempSync(join(tmpdir(), 'cs-'));
      cpSync(dir, copy, { recursive: true });
      const examples = [exampleCase('talent-scout-award'), exampleCase('graduate-living-subsidy')].map((e) => ({ ...e, caseId: `${e.caseId}-${label}-${i}` }));
      for (const e of examples) await cases.putCase({ ...e, status: 'APPROVED' } as never);
      const events = examples.map((e, k) => JSON.stringify({ Records: [{ messageId: `m${k}`, receiptHandle: 'r', body: JSON.stringify(issueMessage(e.caseId)), attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 'l', ApproximateFirstReceiveTimestamp: '1' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: resources.resources.renderQueueArn, awsRegion: 'us-east-1' }] }));
      const env = { NOTICE_DEMO: 'true', NOTICE_SEAL_DIAMETER_MM: '42', NOTICE_TEMPLATES_DIR: join(copy, 'templates'), NOTICE_FONT_PACK: join(copy, 'fonts/font-pack.json'), NOTICE_TABLE_NAME: resources.config.tableName, NOTICE_BUCKET_NAME: resources.config.bucketName, NOTICE_VERIFY_BASE_URL: 'https://notice.example.gov.cn', PATH: process.env.PATH!, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', NOTICE_DYNAMODB_ENDPOINT: endpoints.dynamodb, NOTICE_S3_ENDPOINT: endpoints.fauxqs, NOTICE_SQS_ENDPOINT: endpoints.fauxqs, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
      const t = performance.now();
      const { stdout } = await run(process.execPath, [DRIVER, copy, ...events], { cwd: copy, env, maxBuffer: 1 << 24 });
      const wall = performance.now() - t;
      const r = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(r.invocations[0].response).toEqual({ batchItemFailures: [] });
      const x = (results[label] ??= { imp: [], first: [], wall: [] });
      x.imp.push(r.importMs); x.first.push(r.invocations[0].ms); x.wall.push(wall);
    }
  }
  const med = (a: number[]) => [...a].sort((p, q) => p - q)[a.length >> 1]!.toFixed(0);
  for (const [label, x] of Object.entries(results)) console.log(`[cold] ${label}: import median ${med(x.imp)} ms, first event median ${med(x.first)} ms, init+first median ${med(x.imp.map((v, i) => v + x.first[i]!))} ms, process median ${med(x.wall)} ms; import ${x.imp.map((v) => v.toFixed(0)).join(',')}`);
}, 300_000);
