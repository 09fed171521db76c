// One DocumentClient set-up for handlers and the local stack alike, so items marshal the same way.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    // Optional fields are left out of items rather than failing the write.
    marshallOptions: { removeUndefinedValues: true },
  });
}
