import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateEventBusCommand,
  type EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { indexKeys, tableLayout } from '#adapters/dynamo/table-layout.ts';
import type { RuleSpec } from '#functions/manifest.ts';

export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'us-east-1';

/** Creates the table as the construct does (keys, indexes, stream, TTL) unless it exists. */
export const ensureTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const indexAttributes = tableLayout.indexes.flatMap((index) => Object.values(indexKeys(index)));
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', ...indexAttributes].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: tableLayout.indexes.map((index) => ({
        IndexName: index,
        KeySchema: [
          { AttributeName: indexKeys(index).pk, KeyType: 'HASH' },
          { AttributeName: indexKeys(index).sk, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableLayout.timeToLiveAttribute, Enabled: true },
    }),
  );
};

export const ensureQueue = async (
  sqs: SQSClient,
  name: string,
  deadLetterArn?: string,
  maxReceiveCount = 4,
) => {
  const Attributes = {
    VisibilityTimeout: '5',
    ...(deadLetterArn
      ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount }) }
      : {}),
  };
  let url: string;
  try {
    url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes }))).QueueUrl ?? '';
  } catch (error) {
    // A queue left by an earlier run with other attributes: take it over.
    if ((error as Error).name !== 'QueueNameExists') throw error;
    url = (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes }));
  }
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return { url, arn: attributes.Attributes?.QueueArn ?? '' };
};

export const ensureBus = async (events: EventBridgeClient, name: string) => {
  try {
    await events.send(new CreateEventBusCommand({ Name: name }));
  } catch (error) {
    if ((error as Error).name !== 'ResourceAlreadyExistsException') throw error;
  }
};

/**
 * A rule on an emulated bus delivering what matches `pattern` to its own SQS queue (both named
 * `name`): how the runner feeds functions, `npm run events` taps the bus, and tests observe it.
 * @example const queue = await ensureBusTap(events, sqs, { name: 'watch', busName, pattern: { source: ['opsdesk'] } });
 */
export const ensureBusTap = async (
  events: EventBridgeClient,
  sqs: SQSClient,
  options: {
    name: string;
    busName: string;
    pattern: object;
    /** The rule target's id, for removing it later. */
    targetId: string;
    deadLetterArn?: string;
  },
) => {
  const queue = await ensureQueue(sqs, options.name, options.deadLetterArn);
  await events.send(
    new PutRuleCommand({
      Name: options.name,
      EventBusName: options.busName,
      EventPattern: JSON.stringify(options.pattern),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: options.name,
      EventBusName: options.busName,
      Targets: [{ Id: options.targetId, Arn: queue.arn }],
    }),
  );
  return queue;
};

/** A manifest rule on the emulated bus, delivering to an SQS queue the runner drains. */
export const ensureRuleQueue = async (
  events: EventBridgeClient,
  sqs: SQSClient,
  options: {
    rule: RuleSpec;
    functionName: string;
    busName: string;
    platformName: string;
    deadLetterArn: string;
  },
) => {
  return ensureBusTap(events, sqs, {
    name: `${options.platformName}-${options.functionName}-${options.rule.name}`.slice(0, 80),
    busName: options.busName,
    pattern: options.rule.pattern,
    targetId: 'function',
    deadLetterArn: options.deadLetterArn,
  });
};
