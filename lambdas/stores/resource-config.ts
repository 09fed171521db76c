// The names and queue settings of the pipeline's AWS resources. The local stack creates them
// from this object and the CDK stack deploys them from it, so both run the same shape.
import * as z from 'zod';
import { ConfigError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';

export const ResourceConfig = z.object({
  tableName: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a DynamoDB table name: 3–255 letters, digits, “_”, “.” or “-”'),
  renderQueueName: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'an SQS queue name: 1–80 letters, digits, “_” or “-”'),
  deadLetterQueueName: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'an SQS queue name: 1–80 letters, digits, “_” or “-”'),
  bucketName: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name: 3–63 lower-case letters, digits, “.” or “-”'),
  /** Receives before SQS moves a message to the dead-letter queue. */
  maxReceiveCount: z.number().int().min(1).max(1000).default(3),
  /**
   * How long a received message stays hidden. AWS asks for at least the worker's timeout and
   * recommends six times it; 180 s fits a 30 s render worker.
   */
  visibilityTimeoutSeconds: z.number().int().min(0).max(43_200).default(180),
});
export type ResourceConfig = z.output<typeof ResourceConfig>;
export type ResourceConfigInput = z.input<typeof ResourceConfig>;

/** The names `npm start` uses. */
export const DEFAULT_RESOURCE_CONFIG: ResourceConfigInput = {
  tableName: 'notice-pipeline',
  renderQueueName: 'notice-render',
  deadLetterQueueName: 'notice-render-dlq',
  bucketName: 'notice-documents',
};

export function parseResourceConfig(input: unknown): ResourceConfig {
  const parsed = ResourceConfig.safeParse(input);
  if (!parsed.success) throw new ConfigError(`resource config: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}
