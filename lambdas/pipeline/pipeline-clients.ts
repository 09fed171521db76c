// SDK clients from validated configuration, built once per process (per Lambda environment).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../stores/document-client.js';
import type { AwsAccess } from './config.js';

export interface PipelineClients {
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
}

export function createPipelineClients(aws: AwsAccess): PipelineClients {
  const base = { region: aws.region, ...(aws.credentials ? { credentials: aws.credentials } : {}) };
  const at = (endpoint: string | undefined) => (endpoint ? { endpoint } : {});
  const dynamodb = new DynamoDBClient({ ...base, ...at(aws.endpoints.dynamodb) });
  return {
    dynamodb,
    documents: createDocumentClient(dynamodb),
    // Emulators answer on one host; virtual-hosted bucket names do not resolve there.
    s3: new S3Client({ ...base, ...at(aws.endpoints.s3), ...(aws.endpoints.s3 ? { forcePathStyle: true } : {}) }),
    // An explicit endpoint also wins over the host in a queue URL (fauxqs' do not resolve).
    sqs: new SQSClient({ ...base, ...at(aws.endpoints.sqs) }),
    sns: new SNSClient({ ...base, ...at(aws.endpoints.sns) }),
  };
}

export function destroyPipelineClients(clients: PipelineClients): void {
  clients.dynamodb.destroy();
  clients.s3.destroy();
  clients.sqs.destroy();
  clients.sns.destroy();
}
