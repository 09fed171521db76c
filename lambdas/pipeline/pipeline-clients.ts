// SDK clients from validated configuration, built once per process (per Lambda environment).
// A client a process may never call (SQS and SNS in the render worker without a topic) is built
// when first asked for, and the worker's set never names SQSClient, so the bundler leaves the SQS
// client's modules out of the worker (docs/scale.md "Cold start").
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
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

/** What the render worker calls: the table and the bucket, and SNS where a topic is configured. */
export type WorkerClients = Omit<PipelineClients, 'sqs'>;

/** The clients each set built when first asked for, so destroying a set does not build them. */
const built = new WeakMap<object, { destroy(): void }[]>();

/** Defines `name` on `clients` as a getter that builds the client once, on first read. */
function lazyClient<T extends object, K extends string, C extends { destroy(): void }>(clients: T, name: K, make: () => C): T & Readonly<Record<K, C>> {
  let client: C | undefined;
  return Object.defineProperty(clients, name, {
    enumerable: true,
    get: () => {
      if (!client) {
        client = make();
        built.get(clients)?.push(client);
      }
      return client;
    },
  }) as T & Readonly<Record<K, C>>;
}

function settings(aws: AwsAccess, endpoint: string | undefined) {
  return { region: aws.region, ...(aws.credentials ? { credentials: aws.credentials } : {}), ...(endpoint ? { endpoint } : {}) };
}

export function createWorkerClients(aws: AwsAccess): WorkerClients {
  const dynamodb = new DynamoDBClient(settings(aws, aws.endpoints.dynamodb));
  const clients = {
    dynamodb,
    documents: createDocumentClient(dynamodb),
    // Emulators answer on one host; virtual-hosted bucket names do not resolve there.
    s3: new S3Client({ ...settings(aws, aws.endpoints.s3), ...(aws.endpoints.s3 ? { forcePathStyle: true } : {}) }),
  };
  built.set(clients, []);
  return lazyClient(clients, 'sns', () => new SNSClient(settings(aws, aws.endpoints.sns)));
}

export function createPipelineClients(aws: AwsAccess): PipelineClients {
  // An explicit endpoint also wins over the host in a queue URL (fauxqs' do not resolve).
  return lazyClient(createWorkerClients(aws), 'sqs', () => new SQSClient(settings(aws, aws.endpoints.sqs)));
}

export function destroyPipelineClients(clients: WorkerClients): void {
  clients.dynamodb.destroy();
  clients.s3.destroy();
  for (const client of built.get(clients) ?? []) client.destroy();
}
