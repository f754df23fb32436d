import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { logger } from '#http/observability.ts';
import { systemClock } from '#ports/clock.ts';
import { randomIds } from '#ports/id-generator.ts';
import { cmdbOver } from '#processes/cmdb/impact-analysis.ts';
import type {
  AlarmDeps,
  AlarmSettings,
  ChangeDeps,
  CmdbDeps,
  CmdbStoreDeps,
  ConfigurationDeps,
  FailureReporting,
  IncidentDeps,
  ProblemDeps,
  ProcessDependencies,
  RecordDeps,
  RequestDeps,
  ServiceLevelAdminDeps,
  ServiceLevelDeps,
  SweepDeps,
} from '#processes/dependencies.ts';
import { awsClient } from './aws-clients.ts';
import { DynamoAlarmRecordStore } from './dynamo/dynamo-alarm-record-store.ts';
import { DynamoCmdbGraph } from './dynamo/dynamo-cmdb-graph.ts';
import { DynamoCmdbStore } from './dynamo/dynamo-cmdb-store.ts';
import { DynamoRecordStore } from './dynamo/dynamo-record-store.ts';
import { DynamoServiceLevelConfig, DynamoServiceLevels } from './dynamo/dynamo-service-levels.ts';
import { DynamoSlaClocks } from './dynamo/dynamo-sla-clocks.ts';
import { requiredEnv } from './environment.ts';

export { requiredEnv };

/*
 * The production wiring, one builder per capability: each builds only the adapters its use cases
 * need, so a handler pays for nothing else at cold start, and its type is the exact dependency
 * type of those use cases (a missing adapter is a compile error, never a 404 at run time).
 * Call a builder once at module scope. The DynamoDB client takes its endpoint from
 * `AWS_ENDPOINT_URL_DYNAMODB` locally, so no handler has a local branch; the table is `TABLE_NAME`.
 */

const table = () => requiredEnv('TABLE_NAME');

const records = (client: DynamoDBClient): RecordDeps => ({
  store: new DynamoRecordStore(client, table()),
  clock: systemClock,
  ids: randomIds,
});

// SLA policies and calendars are cached per container for SLA_CONFIG_CACHE_SECONDS (default 30).
const slaConfigCache = () => ({ cacheSeconds: Number(process.env.SLA_CONFIG_CACHE_SECONDS ?? 30) });

/** The SLA configuration the processes that keep SLAs on records read. */
const serviceLevels = (client: DynamoDBClient): ServiceLevelDeps => ({
  serviceLevels: new DynamoServiceLevelConfig(client, table(), slaConfigCache()),
});

/** The CMDB graph ITSM processes read (walks, health, change findings). */
const cmdb = (client: DynamoDBClient): CmdbDeps => ({
  cmdb: cmdbOver(new DynamoCmdbGraph(client, table())),
});

/** The whole CMDB store: the CMDB's own processes, and an alarm finding its CI by external id. */
const cmdbStore = (client: DynamoDBClient): CmdbStoreDeps => ({
  cmdb: cmdbOver(new DynamoCmdbStore(client, table())),
});

const failuresToLog: FailureReporting = {
  reportFailure: (what, error) => logger.error(what, error as Error),
};

/** Incidents over the whole record store (alarm guard items) and the whole CMDB store. */
const everyCapability = (client: DynamoDBClient): Omit<AlarmDeps, 'alarms'> => ({
  store: new DynamoAlarmRecordStore(client, table()),
  clock: systemClock,
  ids: randomIds,
  ...serviceLevels(client),
  ...cmdbStore(client),
  ...failuresToLog,
});

/**
 * Incidents and problems (a problem resolves its incidents with their enrichers): records,
 * service levels, the CMDB and a failure reporter for follow-ups.
 * @example const deps = incidentWiring(); // functions/incidents-api.ts, module scope
 */
export const incidentWiring = (client = awsClient(DynamoDBClient, 'interactive')): IncidentDeps => ({
  ...records(client),
  ...serviceLevels(client),
  ...cmdb(client),
  ...failuresToLog,
});

/**
 * Problems: the incident wiring, because resolving a problem resolves its incidents with the
 * incidents' enrichers (`ProblemDeps` is `IncidentDeps`).
 * @example const deps = problemWiring(); // functions/problems-api.ts, module scope
 */
export const problemWiring = (client = awsClient(DynamoDBClient, 'interactive')): ProblemDeps =>
  incidentWiring(client);

/**
 * Service requests: records and service levels.
 * @example const deps = requestWiring();
 */
export const requestWiring = (client = awsClient(DynamoDBClient, 'interactive')): RequestDeps => ({
  ...records(client),
  ...serviceLevels(client),
});

/**
 * Changes and change windows: records and the CMDB reader (risk, conflicts).
 * @example const deps = changeWiring();
 */
export const changeWiring = (client = awsClient(DynamoDBClient, 'interactive')): ChangeDeps => ({
  ...records(client),
  ...cmdb(client),
});

/**
 * The CMDB's own use cases (CIs, relationships, walks, discovery): records and the CMDB.
 * @example const deps = cmdbWiring();
 */
export const cmdbWiring = (client = awsClient(DynamoDBClient, 'interactive')): ConfigurationDeps => ({
  ...records(client),
  ...cmdbStore(client),
});

/**
 * SLA administration and reports: the service level store and the clock.
 * @example const deps = serviceLevelWiring();
 */
export const serviceLevelWiring = (
  client = awsClient(DynamoDBClient, 'interactive'),
): ServiceLevelAdminDeps => ({
  clock: systemClock,
  serviceLevels: new DynamoServiceLevels(client, table(), slaConfigCache()),
});

/**
 * The scheduled SLA sweep: records and service levels.
 * @example const deps = sweepWiring();
 */
export const sweepWiring = (client = awsClient(DynamoDBClient, 'background')): SweepDeps => ({
  ...records(client),
  ...serviceLevels(client),
  slaClocks: new DynamoSlaClocks(client, table()),
});

/**
 * Every capability at once (tests, benchmarks, and handlers not yet on a narrow builder), the
 * alarm guard items included.
 * @example const deps = processDependencies(client);
 */
export const processDependencies = (
  client = awsClient(DynamoDBClient, 'background'),
): ProcessDependencies & Omit<AlarmDeps, 'alarms'> => ({
  ...everyCapability(client),
  slaClocks: new DynamoSlaClocks(client, table()),
});

/**
 * The alarm settings from the function's environment: `ALARM_AUTO_RESOLVE` (`true` to resolve on
 * OK; the construct's `autoResolveAlarms`, off by default) and `ALARM_GROUP_WINDOW_SECONDS`
 * (default 600).
 * @example alarmSettings({ ALARM_AUTO_RESOLVE: 'true' }).autoResolve // true
 */
export const alarmSettings = (environment: NodeJS.ProcessEnv = process.env): AlarmSettings => {
  const window = Number(environment.ALARM_GROUP_WINDOW_SECONDS ?? 600);
  return {
    autoResolve: environment.ALARM_AUTO_RESOLVE === 'true',
    groupWindowSeconds: Number.isFinite(window) && window >= 0 ? window : 600,
  };
};

/**
 * Alarms and thresholds to incidents: what incidents need, over the record store that keeps the
 * alarm guard items and the whole CMDB store (an alarm finds its CI by external id), and the
 * alarm settings.
 * @example const deps = alarmWiring(); // functions/alarm-intake.ts, module scope
 */
export const alarmWiring = (client = awsClient(DynamoDBClient, 'background')): AlarmDeps => ({
  ...everyCapability(client),
  alarms: alarmSettings(),
});
