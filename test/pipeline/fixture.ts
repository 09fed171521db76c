// A pipeline on the run's local stack for one test file: fresh table, queues and bucket, the
// worker's dependencies built from the same environment schema the Lambda reads, and helpers to
// seed cases and read back what was stored. No store is faked.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { exampleCase } from '../../lambdas/catalogue/index.js';
import type { DocTypeId } from '../../lambdas/catalogue/index.js';
import { localPipelineEnv } from '../../local/pipeline-env.js';
import { createPipelineClients } from '../../lambdas/pipeline/pipeline-clients.js';
import { workerConfig } from '../../lambdas/pipeline/config.js';
import type { WorkerConfig } from '../../lambdas/pipeline/config.js';
import { createPipelineDeps } from '../../lambdas/pipeline/deps.js';
import type { DepsOverrides, PipelineDeps } from '../../lambdas/pipeline/deps.js';
import type { ResourceConfigInput } from '../../lambdas/stores/resource-config.js';
import { freshResources } from '../local/fixture.js';
import { auditEvents } from '../support/audit.js';
import type { TestResources } from '../local/fixture.js';

const VERIFY_BASE_URL = 'http://localhost:8080';

export interface PipelineFixture extends TestResources {
  env: Record<string, string>;
  workerConfig: WorkerConfig;
  deps: PipelineDeps;
  /** Other dependencies on the same resources, e.g. with a crash injected. */
  makeDeps(overrides?: DepsOverrides): PipelineDeps;
  /** Writes the example case of a type under a new id, with the given status and changes. */
  seedCase(docType: DocTypeId, caseId: string, options?: { status?: string; change?: (c: Record<string, unknown>) => void }): Promise<void>;
  objectKeys(prefix: string): Promise<string[]>;
  events(caseId: string): Promise<Record<string, unknown>[]>;
}

export async function pipelineFixture(overrides: Partial<ResourceConfigInput> = {}): Promise<PipelineFixture> {
  const resources = await freshResources(overrides);
  const env = localPipelineEnv(inject('localStack'), resources.resources, { verifyBaseUrl: VERIFY_BASE_URL });
  const config = workerConfig(env);
  const clients = createPipelineClients(config.aws);
  const makeDeps = (o: DepsOverrides = {}) => createPipelineDeps(config, clients, o);
  const deps = makeDeps();
  return {
    ...resources,
    env,
    workerConfig: config,
    deps,
    makeDeps,
    async seedCase(docType, caseId, options = {}) {
      const data = structuredClone(exampleCase(docType)) as Record<string, unknown>;
      data.caseId = caseId;
      options.change?.(data);
      await deps.cases.putCase({ ...data, caseId, status: options.status ?? 'APPROVED' });
    },
    async objectKeys(prefix) {
      const { Contents } = await clients.s3.send(new ListObjectsV2Command({ Bucket: config.bucketName, Prefix: prefix }));
      return (Contents ?? []).map((o) => o.Key ?? '').sort();
    },
    events: (caseId) => auditEvents(clients.documents, config.tableName, caseId),
  };
}
