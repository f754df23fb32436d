import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '#ports/clock.ts';
import { randomIds } from '#ports/id-generator.ts';
import type { ProcessDependencies } from '#processes/dependencies.ts';
import { DynamoRecordStore } from './dynamo/dynamo-record-store.ts';
import { requiredEnv } from './environment.ts';

export { requiredEnv };

/**
 * The production wiring: a DynamoDB client (its endpoint comes from `AWS_ENDPOINT_URL_DYNAMODB`
 * locally, so no handler has a local branch), the table from `TABLE_NAME`, the system clock.
 */
export const processDependencies = (client = new DynamoDBClient({})): ProcessDependencies => ({
  store: new DynamoRecordStore(client, requiredEnv('TABLE_NAME')),
  clock: systemClock,
  ids: randomIds,
});
