import { localCredentials, localRegion } from './local-aws.ts';
import { runtimeInfo } from './runtime-info.ts';

/**
 * `npm run aws-env`: `export` lines that point the AWS CLI and every SDK at the emulators of the
 * platform running on `OPSDESK_DATA_DIR`: `eval "$(npm run -s aws-env)"`.
 */
const runtime = runtimeInfo();
const environment: Record<string, string> = {
  AWS_REGION: localRegion,
  AWS_DEFAULT_REGION: localRegion,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: runtime.dynamoEndpoint,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: runtime.dynamoEndpoint,
  AWS_ENDPOINT_URL_EVENTBRIDGE: runtime.motoEndpoint,
  AWS_ENDPOINT_URL_SQS: runtime.motoEndpoint,
  AWS_ENDPOINT_URL_CLOUDWATCH: runtime.motoEndpoint,
};
const quoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
console.log(`# OpsDesk at ${runtime.url}: table ${runtime.tableName}, bus ${runtime.busName}`);
for (const [name, value] of Object.entries(environment)) console.log(`export ${name}=${quoted(value)}`);
