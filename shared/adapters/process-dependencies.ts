import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { logger } from '#http/observability.ts';
import { systemClock } from '#ports/clock.ts';
import { randomIds } from '#ports/id-generator.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import type { ProcessDependencies } from '#processes/dependencies.ts';
import { DynamoCmdbStore } from './dynamo/dynamo-cmdb-store.ts';
import { DynamoRecordStore } from './dynamo/dynamo-record-store.ts';
import { DynamoServiceLevels } from './dynamo/dynamo-service-levels.ts';
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
  cmdb: cmdbOver(new DynamoCmdbStore(client, requiredEnv('TABLE_NAME'))),
  // SLA policies and calendars are cached per container for SLA_CONFIG_CACHE_SECONDS (default 30).
  serviceLevels: new DynamoServiceLevels(client, requiredEnv('TABLE_NAME'), {
    cacheSeconds: Number(process.env.SLA_CONFIG_CACHE_SECONDS ?? 30),
  }),
  reportFailure: (what, error) => logger.error(what, error as Error),
});
