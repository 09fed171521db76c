// What tells operators something is wrong: alarms on the dead-letter queues, the worker's crashes,
// the render queue's oldest message and the API's 5xx answers, each to one SNS topic (and its
// e-mail subscription when alarmEmail is set), on alarm and again when it clears.
import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { DeployConfig } from './config.js';
import { ResourceGroup } from './resource-group.js';
import type { Storage } from './storage.js';

/** A message waiting this long means the worker is not keeping up or keeps failing it. */
export const OLDEST_MESSAGE_ALARM_SECONDS = 15 * 60;

export interface MonitoringProps {
  config: DeployConfig;
  storage: Storage;
  worker: lambda.IFunction;
  httpApi: apigw.HttpApi;
}

export class Monitoring extends ResourceGroup {
  readonly alarmTopic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, { config, storage, worker, httpApi }: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'notice-pipeline alarms', enforceSSL: true });
    if (config.alarmEmail) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.alarmEmail));

    const everyMinute = { period: Duration.minutes(1), statistic: 'Maximum' };
    const everyFiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };
    this.alarm(
      'RenderDeadLetters',
      'Render messages failed every retry and wait in the dead-letter queue; see docs/operations.md “Redrive”',
      storage.deadLetterQueue.metricApproximateNumberOfMessagesVisible(everyMinute),
      1,
    );
    this.alarm(
      'PipeDeadLetters',
      `Approved cases the stream ${config.streamConsumer === 'pipe' ? 'pipe' : 'consumer'} could not put on the render queue; issue them again with \`notice issue\``,
      storage.pipeDeadLetterQueue.metricApproximateNumberOfMessagesVisible(everyMinute),
      1,
    );
    this.alarm(
      'RenderWorkerErrors',
      'The render worker crashed or timed out (not a per-message failure, which SQS retries)',
      worker.metricErrors(everyFiveMinutes),
      1,
    );
    this.alarm(
      'RenderQueueOldestMessage',
      `A render message has waited over ${OLDEST_MESSAGE_ALARM_SECONDS / 60} minutes: the worker is failing it or not keeping up`,
      storage.renderQueue.metricApproximateAgeOfOldestMessage(everyMinute),
      OLDEST_MESSAGE_ALARM_SECONDS,
    );
    this.alarm('ApiServerErrors', 'The API answered with 5xx errors', httpApi.metricServerError(everyFiveMinutes), 5);
  }

  /** At or over `threshold` in one period; missing data is not an alarm. */
  private alarm(id: string, description: string, metric: cloudwatch.IMetric, threshold: number): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    alarm.addOkAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}
