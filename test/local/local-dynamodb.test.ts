// The local stack's DynamoDB half: dynalite-plus in this process, on 127.0.0.1, keeping the
// table and its stream in `<dataDir>/dynamodb` across a restart of the whole stack.
import { DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { createLocalStreamsClient } from '../../local/emulator-clients.js';
import { startLocalStack } from '../../local/stack.js';
import { tempDir } from '../support/temp-dirs.js';

const dataDir = tempDir('local-dynamodb-test-');

const resources = { tableName: 'kept', renderQueueName: 'q', deadLetterQueueName: 'dlq', bucketName: 'kept-docs' };

describe('the local stack on dynalite-plus', () => {
  it('listens on 127.0.0.1, says how long it took to start, and keeps the table, its items and its stream in the data folder across a restart', async () => {
    const lines: string[] = [];
    const first = await startLocalStack({ dataDir, resources, log: (line) => lines.push(line) });
    let streamArn: string | undefined;
    try {
      expect(new URL(first.endpoints.dynamodb).hostname).toBe('127.0.0.1');
      expect(lines).toContainEqual(expect.stringMatching(/^local stack up in \d+ ms$/));
      await first.clients.dynamodb.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'CASE#1' }, sk: { S: 'CASE' } } }));
      streamArn = first.resources.tableStreamArn;
    } finally {
      await first.stop();
    }

    const second = await startLocalStack({ dataDir, resources });
    try {
      const { Table } = await second.clients.dynamodb.send(new DescribeTableCommand({ TableName: 'kept' }));
      expect(Table?.LatestStreamArn).toBe(streamArn);
      const { Item } = await second.clients.dynamodb.send(new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'CASE#1' }, sk: { S: 'CASE' } } }));
      expect(Item).toEqual({ pk: { S: 'CASE#1' }, sk: { S: 'CASE' } });
      const streams = createLocalStreamsClient(second.endpoints.dynamodb);
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
      streams.destroy();
      expect(StreamDescription?.StreamStatus).toBe('ENABLED');
    } finally {
      await second.stop();
    }
  });
});
