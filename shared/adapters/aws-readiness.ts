import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DependencyState, ReadinessProbe } from '#ports/readiness.ts';
import { awsClient } from './aws-clients.ts';
import { requiredEnv } from './environment.ts';

/** A key no record uses: the probe reads nothing, it only proves the table answers. */
const probeKey = { pk: { S: 'readiness' }, sk: { S: 'readiness' } };

const answered = (call: Promise<unknown>): Promise<DependencyState> =>
  call.then(
    () => 'ok',
    () => 'unavailable',
  );

/**
 * Readiness on AWS: a GetItem of an unused key on the table, DescribeEventBus on the bus. Any
 * failure counts as not ready, including a denied one: the function could not serve either.
 * @example const probe = new AwsReadiness(dynamo, events, 'opsdesk', 'opsdesk');
 */
export class AwsReadiness implements ReadinessProbe {
  constructor(
    private readonly dynamo: DynamoDBClient,
    private readonly events: EventBridgeClient,
    private readonly tableName: string,
    private readonly busName: string,
  ) {}

  store(): Promise<DependencyState> {
    return answered(
      this.dynamo.send(
        new GetItemCommand({ TableName: this.tableName, Key: probeKey, ProjectionExpression: 'pk' }),
      ),
    );
  }

  bus(): Promise<DependencyState> {
    return answered(this.events.send(new DescribeEventBusCommand({ Name: this.busName })));
  }
}

/**
 * The deployed function's probe: the table `TABLE_NAME` and the bus `EVENT_BUS_NAME`, each call
 * bounded like a request's (README, "Faults").
 * @example const readiness = readinessWiring(); // functions/platform-api.ts, module scope
 */
export const readinessWiring = (): ReadinessProbe =>
  new AwsReadiness(
    awsClient(DynamoDBClient, 'interactive'),
    awsClient(EventBridgeClient, 'interactive'),
    requiredEnv('TABLE_NAME'),
    requiredEnv('EVENT_BUS_NAME'),
  );
