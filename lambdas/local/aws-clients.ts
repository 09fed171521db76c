// AWS SDK v3 clients pointed at the local stack. Credentials are fixed dummies: DynamoDB Local
// (-sharedDb) and fauxqs accept any; the region is fixed so ARNs and queue URLs are predictable.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '../stores/document-client.js';

export interface LocalEndpoints {
  dynamodb: string;
  /** fauxqs: SQS and S3 on one port. */
  fauxqs: string;
}

export interface AwsClients {
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
}

export const LOCAL_REGION = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createLocalClients(endpoints: LocalEndpoints): AwsClients {
  const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: LOCAL_REGION, credentials });
  return {
    dynamodb,
    documents: createDocumentClient(dynamodb),
    s3: new S3Client({ endpoint: endpoints.fauxqs, region: LOCAL_REGION, credentials, forcePathStyle: true }),
    sqs: new SQSClient({ endpoint: endpoints.fauxqs, region: LOCAL_REGION, credentials }),
  };
}

export function destroyClients(clients: AwsClients): void {
  clients.dynamodb.destroy(); // also closes the DocumentClient, which shares its handler
  clients.s3.destroy();
  clients.sqs.destroy();
}
