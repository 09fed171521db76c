// Everything the API's use cases touch, built once per process from configuration and clients.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { SNSClient } from '@aws-sdk/client-sns';
import { renderConfig } from '../config.js';
import { notifyConfig, recipientNotifier } from '../notify/recipient-notifier.js';
import type { RecipientNotifier } from '../notify/recipient-notifier.js';
import { RenderMessage } from '../pipeline/messages.js';
import { createRenderer } from '../render/render-document.js';
import type { Renderer } from '../render/render-document.js';
import { AuditLog } from '../stores/audit-log.js';
import { BulkJobsTable } from '../stores/bulk-jobs-table.js';
import { CardRevocations } from '../stores/card-revocations.js';
import { RejectionsTable } from '../stores/rejections-table.js';
import { CasesTable } from '../stores/cases-table.js';
import { DocumentsBucket } from '../stores/documents-bucket.js';
import { RenderQueue } from '../stores/render-queue.js';
import { DocumentVersionsTable } from '../stores/versions-table.js';
import { CaseDirectory } from '../stores/case-directory.js';
import type { ApiConfig } from './config.js';
import { cachedDiscovery } from './oidc-discovery.js';
import type { OidcClient, OidcEndpoints } from './oidc-discovery.js';

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
  rejections: RejectionsTable;
  audit: AuditLog;
  revocations: CardRevocations;
  linkSecret: Buffer;
  publicBaseUrl: string;
  linkTtlDays: number;
  staffGroup: string;
  staffGroupsClaim: string;
  /** Staff sign-in through an OpenID Connect provider; absent locally (development token). */
  signIn?: { client: OidcClient; endpoints: () => Promise<OidcEndpoints> };
  /** Who issues the documents, as the verification page names them. */
  issuerName: string;
  /** Demo documents carry a 样本 watermark; their verification page says they are samples. */
  demo: boolean;
  /** Sends recipients their links (lambdas/notify/). */
  recipientNotifier: RecipientNotifier;
  /** Renders regeneration previews (made on first use: fonts are parsed only when staff preview). */
  previewRenderer: () => Renderer;
  now: () => Date;
  newId: () => string;
  log: ApiLog;
}

export interface ApiClients {
  documents: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  sns: SNSClient;
}

export type ApiSettings = Pick<
  ApiConfig,
  'tableName' | 'bucketName' | 'renderQueueUrl' | 'publicBaseUrl' | 'linkTtlDays' | 'staffGroup' | 'staffGroupsClaim' | 'signIn'
>;

export interface ApiDepsOptions {
  linkSecret: Buffer;
  issuerName: string;
  demo: boolean;
  log: ApiLog;
  now?: () => Date;
  newId?: () => string;
  /** Default: as NOTICE_SEND_* in the environment configure it. */
  recipientNotifier?: RecipientNotifier;
  /** Default: the configured renderer in demo mode (样本 watermark, drawn seal, demo signature). */
  previewRenderer?: () => Renderer;
  /** How the sign-in provider's discovery document is fetched; global fetch by default. */
  fetch?: typeof fetch;
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
    rejections: new RejectionsTable(documents, settings.tableName, now),
    audit: new AuditLog(documents, settings.tableName),
    revocations: new CardRevocations(documents, settings.tableName, now),
    linkSecret: options.linkSecret,
    publicBaseUrl: settings.publicBaseUrl,
    linkTtlDays: settings.linkTtlDays,
    staffGroup: settings.staffGroup,
    staffGroupsClaim: settings.staffGroupsClaim,
    ...(settings.signIn ? { signIn: { client: settings.signIn, endpoints: cachedDiscovery(settings.signIn, options.fetch) } } : {}),
    issuerName: options.issuerName,
    demo: options.demo,
    recipientNotifier: options.recipientNotifier ?? recipientNotifier(notifyConfig(), { sns: clients.sns, log: (m, f) => options.log.info(m, f) }),
    previewRenderer: options.previewRenderer ?? previewRendererOnce(),
    now,
    newId: options.newId ?? randomUUID,
    log: options.log,
  };
}

/**
 * A preview is the configured document as a 样本: the same issuer, templates, fonts and layout, but
 * the demo watermark and drawn seal instead of the agency's seal image, and no agency signature.
 */
export function previewRendererOnce(): () => Renderer {
  let made: Renderer | undefined;
  return () => {
    if (!made) {
      const { signing: _signing, sealImagePath: _seal, ...config } = renderConfig();
      made = createRenderer({ ...config, demo: true });
    }
    return made;
  };
}
