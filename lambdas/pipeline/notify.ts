// Telling the world a document version exists (optional: an SNS topic when configured). The
// message names the version, never the person: subscribers fetch what they may see by docId.
import { PublishCommand } from '@aws-sdk/client-sns';
import type { SNSClient } from '@aws-sdk/client-sns';

export interface VersionNotice {
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

export function snsNotifier(sns: SNSClient, topicArn: string): Notifier {
  return {
    async versionRecorded(notice) {
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Subject: `notice ${notice.kind}`,
          Message: JSON.stringify(notice),
          // docId lets subscribers drop a repeat; kind lets them filter without parsing.
          MessageAttributes: {
            kind: { DataType: 'String', StringValue: notice.kind },
            docId: { DataType: 'String', StringValue: notice.docId },
          },
        }),
      );
    },
  };
}
