// Everything the API's use cases touch, built once per process from configuration and clients.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { RenderMessage } from '../pipeline/messages.js';
import { BulkJobsTable } from '../stores/bulk-jobs-table.js';
import { CasesTable } from '../stores/cases-table.js';
import { DocumentsBucket } from '../stores/documents-bucket.js';
import { RenderQueue } from '../stores/render-queue.js';
import { DocumentVersionsTable } from '../stores/versions-table.js';
import { CaseDirectory } from './case-directory.js';
import type { ApiConfig, CognitoSignIn } from './config.js';

/** Structured log lines; Powertools' Logger fits, tests pass a recorder. */
export interface ApiLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface ApiDeps {
  cases: CasesTable;
  versions: DocumentVersionsTable;
  bucket: DocumentsBucket;
  queue: RenderQueue<RenderMessage>;
  directory: CaseDirectory;
  bulkJobs: BulkJobsTable;
  documents: DynamoDBDocumentClient;
  tableName: string;
  linkSecret: Buffer;
  publicBaseUrl: string;
  linkTtlDays: number;
  staffGroup: string;
  cognito?: CognitoSignIn;
  /** Who issues the documents, as the verification page names them. */
  issuerName: string;
  /** Demo documents carry a 样本 watermark; their verification page says they are samples. */
  demo: boolean;
  now: () => Date;
  newId: () => string;
  log: ApiLog;
}

export interface ApiClients {
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
}

export type ApiSettings = Pick<ApiConfig, 'tableName' | 'bucketName' | 'renderQueueUrl' | 'publicBaseUrl' | 'linkTtlDays' | 'staffGroup' | 'cognito'>;

export interface ApiDepsOptions {
  linkSecret: Buffer;
  issuerName: string;
  demo: boolean;
  log: ApiLog;
  now?: () => Date;
  newId?: () => string;
}

export function createApiDeps(settings: ApiSettings, clients: ApiClients, options: ApiDepsOptions): ApiDeps {
  const now = options.now ?? (() => new Date());
  const { documents } = clients;
  return {
    cases: new CasesTable(documents, settings.tableName, now),
    versions: new DocumentVersionsTable(documents, settings.tableName, now),
    bucket: new DocumentsBucket(clients.s3, settings.bucketName),
    queue: new RenderQueue(clients.sqs, settings.renderQueueUrl, RenderMessage),
    directory: new CaseDirectory(documents, settings.tableName),
    bulkJobs: new BulkJobsTable(documents, settings.tableName),
    documents,
    tableName: settings.tableName,
    linkSecret: options.linkSecret,
    publicBaseUrl: settings.publicBaseUrl,
    linkTtlDays: settings.linkTtlDays,
    staffGroup: settings.staffGroup,
    ...(settings.cognito ? { cognito: settings.cognito } : {}),
    issuerName: options.issuerName,
    demo: options.demo,
    now,
    newId: options.newId ?? randomUUID,
    log: options.log,
  };
}
