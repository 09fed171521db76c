// Stream records as the Pipe receives them → the Pipe's filter and input template → the worker's
// message schema. The records are real: written to a table on dynalite-plus and read back from
// its stream (the same record shape DynamoDB Streams gives the Pipe, which adds the source ARN).
// The filter and template are the ones the CfnPipe carries (notice-stack.test.ts checks that they
// are these constants), evaluated by the local Pipe's evaluator.
import { DescribeStreamCommand, type DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RENDER_PIPE_FILTER_CRITERIA, RENDER_PIPE_INPUT_TEMPLATE } from '../../lambdas/pipeline/pipe-filter.js';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import { applyInputTemplate, matchesPattern } from '../../lambdas/pipeline/event-pattern.js';
import { issueMessage, parseRenderMessage } from '../../lambdas/pipeline/messages.js';
import { caseKey, eventKey } from '../../lambdas/stores/keys.js';
import { CasesTable } from '../../lambdas/stores/cases-table.js';
import { createLocalStreamsClient } from '../../local/emulator-clients.js';
import { freshResources } from '../local/fixture.js';
import type { TestResources } from '../local/fixture.js';

let resources: TestResources;
let streams: DynamoDBStreamsClient;
let cases: CasesTable;

beforeAll(async () => {
  resources = await freshResources();
  streams = createLocalStreamsClient(inject('localStack').dynamodb);
  cases = new CasesTable(resources.clients.documents, resources.config.tableName);
});

afterAll(() => streams?.destroy());

/** Every record on the table's stream so far, shaped as the Pipe's event (JSON, with the source ARN). */
async function pipeEvents(): Promise<Record<string, unknown>[]> {
  const streamArn = resources.resources.tableStreamArn;
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const events: Record<string, unknown>[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (ShardIterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
      for (const record of page.Records ?? []) events.push({ ...(JSON.parse(JSON.stringify(record)) as Record<string, unknown>), eventSourceARN: streamArn });
      // An open shard always hands back a next iterator: stop once a page comes back empty.
      ShardIterator = (page.Records ?? []).length > 0 ? page.NextShardIterator : undefined;
    }
  }
  return events;
}

/** What the Pipe does with one event: undefined when the filter drops it, else the message body it sends. */
function throughPipe(event: unknown): string | undefined {
  const patterns = RENDER_PIPE_FILTER_CRITERIA.filters.map((f) => JSON.parse(f.pattern) as unknown);
  // A Pipe passes an event that matches any of its filters.
  if (!patterns.some((p) => matchesPattern(p, event))) return undefined;
  return applyInputTemplate(RENDER_PIPE_INPUT_TEMPLATE, event);
}

type StreamEvent = { eventName: string; dynamodb: { Keys: { pk: { S: string }; sk: { S: string } }; NewImage?: { status?: { S: string } } } };

describe('stream records through the pipe', () => {
  it('turns each case that became APPROVED into an issue message the worker accepts, and drops every other change', async () => {
    const approvedAtOnce = { ...exampleCase('talent-scout-award'), status: 'APPROVED' };
    const failedThenApproved = { ...exampleCase('graduate-living-subsidy'), status: 'FAILED' };
    const approvedThenIssued = { ...exampleCase('platform-subsidy'), status: 'APPROVED' };

    await cases.putCase(approvedAtOnce); // INSERT APPROVED → passes
    await cases.putCase(failedThenApproved); // INSERT FAILED → dropped
    await cases.setCaseStatus(failedThenApproved.caseId, 'APPROVED'); // MODIFY FAILED → APPROVED → passes
    await cases.putCase(approvedThenIssued); // INSERT APPROVED → passes
    // MODIFY that keeps APPROVED (the worker writes the 发文字号): must not issue a second time.
    await resources.clients.documents.send(
      new PutCommand({
        TableName: resources.config.tableName,
        Item: { ...approvedThenIssued, ...caseKey(approvedThenIssued.caseId), documentNumber: '并人才〔2026〕1号' },
      }),
    );
    await cases.setCaseStatus(approvedThenIssued.caseId, 'ISSUED'); // MODIFY APPROVED → ISSUED → dropped
    // An item that is not a case, carrying an APPROVED status: dropped by the key filter.
    await resources.clients.documents.send(
      new PutCommand({
        TableName: resources.config.tableName,
        Item: { ...eventKey(approvedAtOnce.caseId, '2026-01-01T00:00:00.000Z', 'e1'), caseId: approvedAtOnce.caseId, status: 'APPROVED' },
      }),
    );
    await resources.clients.documents.send(new DeleteCommand({ TableName: resources.config.tableName, Key: caseKey(approvedAtOnce.caseId) })); // REMOVE → dropped

    const events = await pipeEvents();
    expect(events.map((e) => (e as StreamEvent).eventName)).toEqual(['INSERT', 'INSERT', 'MODIFY', 'INSERT', 'MODIFY', 'MODIFY', 'INSERT', 'REMOVE']);

    const bodies = events.map(throughPipe);
    expect(bodies.map((b) => b !== undefined)).toEqual([true, false, true, true, false, false, false, false]);

    const messages = bodies.filter((b): b is string => b !== undefined).map((body) => parseRenderMessage(body));
    expect(messages).toEqual([approvedAtOnce, failedThenApproved, approvedThenIssued].map((c) => ({ ok: true, message: issueMessage(c.caseId) })));
  });

  it('passes a case written APPROVED over an item that had no status', async () => {
    const example = exampleCase('skill-grand-award');
    const before = (await pipeEvents()).length;
    await resources.clients.documents.send(new PutCommand({ TableName: resources.config.tableName, Item: { ...example, ...caseKey(example.caseId) } }));
    await cases.putCase({ ...example, status: 'APPROVED' });
    const bodies = (await pipeEvents()).slice(before).map(throughPipe);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toBeUndefined();
    expect(parseRenderMessage(bodies[1]!)).toEqual({ ok: true, message: issueMessage(example.caseId) });
  });
});
