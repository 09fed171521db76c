// AWS SDK v3 clients pointed at the local stack: the pipeline's own client factory with the
// emulators' endpoints. Credentials are fixed dummies: dynalite-plus and fauxqs
// accept any; the region is fixed so ARNs and queue URLs are predictable.
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { createPipelineClients, destroyPipelineClients, type PipelineClients } from '../lambdas/pipeline/pipeline-clients.js';

export interface LocalEndpoints {
  dynamodb: string;
  /** fauxqs: SQS, S3 and SNS on one port. */
  fauxqs: string;
}

export type AwsClients = PipelineClients;

export const LOCAL_REGION = 'us-east-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function createLocalClients(endpoints: LocalEndpoints): AwsClients {
  return createPipelineClients({
    region: LOCAL_REGION,
    credentials,
    endpoints: { dynamodb: endpoints.dynamodb, s3: endpoints.fauxqs, sqs: endpoints.fauxqs, sns: endpoints.fauxqs },
  });
}

/** A DynamoDB Streams client on dynalite-plus (the local Pipe's source; not one of the pipeline's clients). */
export function createLocalStreamsClient(dynamodbEndpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({ endpoint: dynamodbEndpoint, region: LOCAL_REGION, credentials });
}

export const destroyClients = destroyPipelineClients;
