// Everything the use cases touch, built once per process from configuration and clients.
import type { Renderer } from '../render/render-document.js';
import { renderer as processRenderer } from '../render/render-document.js';
import { BulkJobsTable } from '../stores/bulk-jobs-table.js';
import { CasesTable } from '../stores/cases-table.js';
import { DocumentNumbersTable } from '../stores/document-numbers-table.js';
import { DocumentsBucket } from '../stores/documents-bucket.js';
import { DocumentVersionsTable } from '../stores/versions-table.js';
import type { PipelineClients } from './pipeline-clients.js';
import type { WorkerConfig } from './config.js';
import { DocumentIds } from '../stores/document-ids.js';
import { randomDocumentId } from './document-identity.js';
import { snsNotifier } from './notify.js';
import type { Notifier } from './notify.js';
import { numberAllocator } from './numbering.js';
import type { NumberAllocator } from './numbering.js';
import { RejectionsTable } from '../stores/rejections-table.js';

export interface PipelineDeps {
  cases: CasesTable;
  numbers: NumberAllocator;
  versions: DocumentVersionsTable;
  docIds: DocumentIds;
  bucket: DocumentsBucket;
  rejections: RejectionsTable;
  /** Read to skip the requests of a cancelled bulk regeneration. */
  bulkJobs: BulkJobsTable;
  renderer: Renderer;
  /** Absent: nobody is told. */
  notifier?: Notifier;
  /** Absent: documents carry no QR code. */
  verifyBaseUrl?: string;
  now: () => Date;
}

export interface DepsOverrides {
  renderer?: Renderer;
  now?: () => Date;
}

export function createPipelineDeps(
  config: WorkerConfig,
  clients: Pick<PipelineClients, 'documents' | 's3' | 'sns'>,
  overrides: DepsOverrides = {},
): PipelineDeps {
  const now = overrides.now ?? (() => new Date());
  const { documents } = clients;
  return {
    cases: new CasesTable(documents, config.tableName, now),
    numbers: numberAllocator(new DocumentNumbersTable(documents, config.tableName, now)),
    versions: new DocumentVersionsTable(documents, config.tableName, now),
    docIds: new DocumentIds(documents, config.tableName, now, randomDocumentId),
    bucket: new DocumentsBucket(clients.s3, config.bucketName),
    rejections: new RejectionsTable(documents, config.tableName, now),
    bulkJobs: new BulkJobsTable(documents, config.tableName),
    renderer: overrides.renderer ?? processRenderer(),
    ...(config.notifyTopicArn ? { notifier: snsNotifier(clients.sns, config.notifyTopicArn) } : {}),
    ...(config.verifyBaseUrl ? { verifyBaseUrl: config.verifyBaseUrl } : {}),
    now,
  };
}
