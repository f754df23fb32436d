import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { type FunctionSpec, manifest } from '#functions/manifest.ts';
import { localCredentials, localRegion } from './local-aws.ts';

export const repositoryRoot = resolve(fileURLToPath(import.meta.url), '../../..');

// biome-ignore lint/suspicious/noExplicitAny: handlers of every trigger type share this host.
export type LambdaHandler = (event: any, context: Context) => Promise<any>;

export interface LocalEnvironment {
  tableName: string;
  busName: string;
  dynamoEndpoint: string;
  motoEndpoint: string;
  groupsClaim?: string;
}

/**
 * The environment a deployed function gets from the construct, pointed at the emulators through
 * `AWS_ENDPOINT_URL_<SERVICE>`, so handler code has no local branch. Set before handlers load.
 */
export const configureLocalEnvironment = (environment: LocalEnvironment): void => {
  Object.assign(process.env, {
    TABLE_NAME: environment.tableName,
    EVENT_BUS_NAME: environment.busName,
    GROUPS_CLAIM: environment.groupsClaim ?? 'cognito:groups',
    // The construct's `autoResolveAlarms`, locally: `ALARM_AUTO_RESOLVE=true npm start` (off by default).
    ALARM_AUTO_RESOLVE: process.env.ALARM_AUTO_RESOLVE === 'true' ? 'true' : 'false',
    AWS_REGION: localRegion,
    AWS_DEFAULT_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: environment.dynamoEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: environment.dynamoEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: environment.motoEndpoint,
    AWS_ENDPOINT_URL_CLOUDWATCH: environment.motoEndpoint,
    AWS_ENDPOINT_URL_SQS: environment.motoEndpoint,
    POWERTOOLS_SERVICE_NAME: 'opsdesk',
    POWERTOOLS_METRICS_NAMESPACE: 'OpsDesk',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
};

/** Imports every function's handler, as Lambda would load the bundle. */
export const loadHandlers = async (
  functions: FunctionSpec[] = manifest,
): Promise<Map<string, LambdaHandler>> => {
  const handlers = new Map<string, LambdaHandler>();
  for (const spec of functions) {
    const module = (await import(pathToFileURL(join(repositoryRoot, spec.entry)).href)) as {
      handler: LambdaHandler;
    };
    handlers.set(spec.name, module.handler);
  }
  return handlers;
};

/** The legacy callbacks a context carries; nothing calls them (handlers are async). */
const noLegacyCallback = () => undefined;

/** A Lambda context for one local invocation. */
export const lambdaContext = (spec: FunctionSpec): Context => {
  const deadline = Date.now() + (spec.timeoutSeconds ?? 10) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: spec.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${localRegion}:000000000000:function:${spec.name}`,
    memoryLimitInMB: String(spec.memoryMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: noLegacyCallback,
    fail: noLegacyCallback,
    succeed: noLegacyCallback,
  };
};

export const specNamed = (name: string): FunctionSpec => {
  const spec = manifest.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`No function named ${name}. Known: ${manifest.map((f) => f.name).join(', ')}`);
  return spec;
};
