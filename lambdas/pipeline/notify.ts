// Telling the world a document version exists (optional: an SNS topic when configured). The
// message names the version, never the person: subscribers fetch what they may see by docId.
// Sending a recipient their link (lambdas/notify/) publishes through the same publishJson.
import { PublishCommand } from '@aws-sdk/client-sns';
import type { SNSClient } from '@aws-sdk/client-sns';

interface VersionNotice {
  kind: 'issued' | 'regenerated';
  caseId: string;
  docType: string;
  docId: string;
  version: number;
  documentNumber: string;
  issuedAt: string;
}

export interface Notifier {
  versionRecorded(notice: VersionNotice): Promise<void>;
}

/** One JSON message to a topic, with string attributes subscribers can filter on without parsing. */
export async function publishJson(
  sns: SNSClient,
  topicArn: string,
  subject: string,
  message: unknown,
  attributes: Record<string, string>,
): Promise<string | undefined> {
  const { MessageId } = await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: subject,
      Message: JSON.stringify(message),
      MessageAttributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
    }),
  );
  return MessageId;
}

export function snsNotifier(sns: SNSClient, topicArn: string): Notifier {
  return {
    async versionRecorded(notice) {
      // docId lets subscribers drop a repeat; kind lets them filter without parsing.
      await publishJson(sns, topicArn, `notice ${notice.kind}`, notice, { kind: notice.kind, docId: notice.docId });
    },
  };
}
