// The environment the render worker and the ops CLI read (lambdas/pipeline/config.ts), pointing
// at the local stack. `npm start` also writes it to out/local-stack.env, so that
// `set -a; . out/local-stack.env; set +a; npm run notice -- versions <caseId>` talks to it.
import type { LocalEndpoints } from './emulator-clients.js';
import { LOCAL_REGION } from './emulator-clients.js';
import type { CreatedResources } from './resources.js';

export function localPipelineEnv(
  endpoints: LocalEndpoints,
  resources: CreatedResources,
  options: { verifyBaseUrl?: string; notifyTopicArn?: string } = {},
): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    // The emulators accept any credentials; these keep the SDK from looking for real ones.
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NOTICE_DYNAMODB_ENDPOINT: endpoints.dynamodb,
    NOTICE_S3_ENDPOINT: endpoints.fauxqs,
    NOTICE_SQS_ENDPOINT: endpoints.fauxqs,
    NOTICE_SNS_ENDPOINT: endpoints.fauxqs,
    NOTICE_TABLE_NAME: resources.tableName,
    NOTICE_BUCKET_NAME: resources.bucketName,
    NOTICE_RENDER_QUEUE_URL: resources.renderQueueUrl,
    NOTICE_DEAD_LETTER_QUEUE_URL: resources.deadLetterQueueUrl,
    ...(options.verifyBaseUrl ? { NOTICE_VERIFY_BASE_URL: options.verifyBaseUrl } : {}),
    ...(options.notifyTopicArn ? { NOTICE_NOTIFY_TOPIC_ARN: options.notifyTopicArn } : {}),
  };
}

/** KEY=VALUE lines for a shell's `.` (values quoted). */
export function envFileText(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => `${key}='${value.replace(/'/g, `'\\''`)}'`)
    .join('\n')
    .concat('\n');
}
