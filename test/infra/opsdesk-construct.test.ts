import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexKeys, tableLayout } from '#adapters/dynamo/table-layout.ts';
import { apiOperations } from '#functions/contracts/index.ts';
import { manifest, routesOf } from '#functions/manifest.ts';
import { openApiDocumentConstant } from '#infra/constructs/bundle-options.ts';
import { invokedAsynchronously } from '#infra/constructs/lambda-function.ts';
import { openApiDocument } from '#schemas/openapi.ts';
import { extendedManifest } from './support/sample-manifest.ts';
import { type SynthesizedOpsDesk, synthesizeOpsDesk } from './support/synth.ts';
import {
  actionsOf,
  environmentOf,
  functionResources,
  policyStatementsOf,
  referencedLogicalId,
  resourcesOfType,
  templateEventRules,
  templateRoutes,
} from './support/template-views.ts';

const execFileAsync = promisify(execFile);

const streamReadActions = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const tableReadActions = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'];

let synthesized: SynthesizedOpsDesk;
/** Same construct, given an identity provider, a groups claim, an alarm topic and a richer manifest. */
let customized: SynthesizedOpsDesk;
const alarmTopicArn = 'arn:aws:sns:eu-west-1:123456789012:ops-alarms';
const jwt = { issuer: 'https://login.example.com/realms/ops', audience: ['opsdesk-api', 'opsdesk-cli'] };

beforeAll(async () => {
  synthesized = synthesizeOpsDesk();
  const { Topic } = await import('aws-cdk-lib/aws-sns');
  const { Stack } = await import('aws-cdk-lib');
  customized = synthesizeOpsDesk({
    bundle: false,
    opsDesk: {
      jwt,
      groupsClaim: 'realm_roles',
      capacityHorizonDays: 30,
      metricRetentionDays: 90,
      functions: extendedManifest,
      alarmTopic: Topic.fromTopicArn(new Stack(), 'AlarmTopic', alarmTopicArn),
    },
  });
});

afterAll(() => {
  synthesized?.dispose();
  customized?.dispose();
});

describe('table', () => {
  it('is on-demand, recoverable, protected, retained, encrypted, streamed, with TTL', () => {
    // Prepare
    const tables = resourcesOfType(synthesized.template, 'AWS::DynamoDB::GlobalTable');

    // Assess
    expect(Object.keys(tables)).toHaveLength(1);
    const [table] = Object.values(tables);
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
    synthesized.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableLayout.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableLayout.sortKey, KeyType: 'RANGE' },
      ],
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: tableLayout.timeToLiveAttribute, Enabled: true },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
  });

  it('has the eight GSIs of table-layout.ts with string keys and all attributes projected', () => {
    // Prepare
    const [table] = Object.values(resourcesOfType(synthesized.template, 'AWS::DynamoDB::GlobalTable'));
    const indexes = table?.Properties?.GlobalSecondaryIndexes as Array<Record<string, unknown>>;
    const attributes = table?.Properties?.AttributeDefinitions as Array<{
      AttributeName: string;
      AttributeType: string;
    }>;

    // Assess
    expect(indexes.map((index) => index.IndexName)).toEqual([...tableLayout.indexes]);
    for (const name of tableLayout.indexes) {
      const keys = indexKeys(name);
      expect(indexes).toContainEqual({
        IndexName: name,
        KeySchema: [
          { AttributeName: keys.pk, KeyType: 'HASH' },
          { AttributeName: keys.sk, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      });
      expect(attributes).toContainEqual({ AttributeName: keys.pk, AttributeType: 'S' });
      expect(attributes).toContainEqual({ AttributeName: keys.sk, AttributeType: 'S' });
    }
  });
});

describe('functions', () => {
  it('creates exactly one function per manifest entry', () => {
    const names = [...functionResources(synthesized.template).keys()].sort();
    expect(names).toEqual(manifest.map((spec) => spec.name).sort());
    // Besides them only the CDK's BucketDeployment handler, which copies the web console's files at deploy time.
    const lambdas = Object.keys(resourcesOfType(synthesized.template, 'AWS::Lambda::Function'));
    expect(lambdas.filter((id) => !id.startsWith('CustomCDKBucketDeployment'))).toHaveLength(manifest.length);
    expect(Object.keys(synthesized.stack.opsDesk.functions).sort()).toEqual(names);
  });

  it('runs Node.js 22 or newer on ARM with active tracing, sizing and environment from the manifest', () => {
    const functions = functionResources(synthesized.template);
    for (const spec of manifest) {
      const properties = functions.get(spec.name)?.Properties ?? {};
      const major = Number(/^nodejs(\d+)\.x$/.exec(String(properties.Runtime))?.[1]);
      expect(major, `${spec.name} runtime ${String(properties.Runtime)}`).toBeGreaterThanOrEqual(22);
      expect(properties.Architectures).toEqual(['arm64']);
      expect(properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(properties.MemorySize).toBe(spec.memoryMb ?? 512);
      expect(properties.Timeout).toBe(spec.timeoutSeconds ?? 10);
      expect(properties.Handler).toBe('index.handler');
      expect(environmentOf(functions.get(spec.name))).toEqual({
        TABLE_NAME: { Ref: expect.any(String) },
        EVENT_BUS_NAME: { Ref: expect.any(String) },
        GROUPS_CLAIM: 'cognito:groups',
        POWERTOOLS_SERVICE_NAME: 'opsdesk',
        POWERTOOLS_METRICS_NAMESPACE: 'OpsDesk',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        CAPACITY_HORIZON_DAYS: '14',
        METRIC_RETENTION_DAYS: '35',
      });
    }
  });

  it('passes the operations settings to every function, and refuses days no function would accept', async () => {
    for (const resource of functionResources(customized.template).values())
      expect(environmentOf(resource)).toMatchObject({
        CAPACITY_HORIZON_DAYS: '30',
        METRIC_RETENTION_DAYS: '90',
      });
    const { App, Stack } = await import('aws-cdk-lib');
    const { OpsDesk } = await import('../../infra/opsdesk.ts');
    const stack = new Stack(new App(), 'Refused');
    expect(() => new OpsDesk(stack, 'OpsDesk', { jwt, metricRetentionDays: 0.5, functions: [] })).toThrow(
      'metricRetentionDays must be a whole number of days',
    );
  });

  it('sends asynchronous invocations that fail every retry to the dead-letter queue, and only those', () => {
    for (const { template, specs } of [
      { template: synthesized.template, specs: manifest },
      { template: customized.template, specs: extendedManifest },
    ]) {
      const [queueId] = Object.keys(resourcesOfType(template, 'AWS::SQS::Queue'));
      const functions = functionResources(template);
      for (const spec of specs) {
        const deadLetter = functions.get(spec.name)?.Properties?.DeadLetterConfig;
        const sends = policyStatementsOf(template, spec.name).some(
          (statement) =>
            actionsOf([statement]).includes('sqs:SendMessage') &&
            referencedLogicalId(statement.Resource) === queueId,
        );
        if (invokedAsynchronously(spec)) {
          expect(deadLetter, spec.name).toEqual({ TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
          expect(sends, `${spec.name} may send to the dead-letter queue`).toBe(true);
        } else {
          expect(deadLetter, spec.name).toBeUndefined();
          // The stream consumer's event source mapping sends through the function's role.
          expect(sends, `${spec.name} may send to the dead-letter queue`).toBe(spec.stream !== undefined);
        }
      }
      expect(specs.filter(invokedAsynchronously).length).toBeGreaterThan(0);
    }
  });

  it('logs to an own log group with one month retention', () => {
    const functions = functionResources(synthesized.template);
    const logGroups = resourcesOfType(synthesized.template, 'AWS::Logs::LogGroup');
    for (const spec of manifest) {
      const logConfig = functions.get(spec.name)?.Properties?.LoggingConfig as { LogGroup: unknown };
      const logGroup = logGroups[referencedLogicalId(logConfig.LogGroup) ?? ''];
      expect(logGroup?.Properties?.RetentionInDays, spec.name).toBe(30);
    }
  });

  it('ships each function as a minified ESM bundle with the createRequire shim', () => {
    for (const [name, resource] of functionResources(synthesized.template)) {
      const s3Key = String((resource.Properties?.Code as { S3Key?: string } | undefined)?.S3Key);
      const bundle = join(synthesized.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`, 'index.mjs');
      expect(existsSync(bundle), `${name}: ${bundle}`).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(
        code.startsWith("import { createRequire as opsdeskCreateRequire } from 'node:module';"),
        name,
      ).toBe(true);
      expect(code, name).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
      expect(code, name).not.toMatch(/\bmodule\.exports\s*=/);
      // Web streams load on demand (shared/http/web-streams-on-demand.ts), not at cold start.
      expect(code, name).not.toContain('node:stream/web');
    }
  });

  it('bundles the OpenAPI document into platform-api, and serves the one the contracts generate', async () => {
    // Prepare
    const resource = functionResources(synthesized.template).get('platform-api');
    const s3Key = String((resource?.Properties?.Code as { S3Key?: string } | undefined)?.S3Key);
    const bundle = join(synthesized.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`, 'index.mjs');
    const code = readFileSync(bundle, 'utf8');
    const invoke = `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
      const result = await handler({ version: '2.0', routeKey: 'GET /openapi.json', rawPath: '/openapi.json',
        rawQueryString: '', headers: { host: 'api.example.test' },
        requestContext: { http: { method: 'GET', path: '/openapi.json' }, routeKey: 'GET /openapi.json' } },
        { awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 10000 });
      process.stdout.write('\\n' + JSON.stringify(result));`;

    // Act
    const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', invoke], {
      env: {
        ...process.env,
        TABLE_NAME: 'bundle-test',
        EVENT_BUS_NAME: 'bundle-test',
        AWS_REGION: 'us-east-1',
      },
    });
    // The function logs to stdout as on Lambda; its answer is the last line.
    const served = JSON.parse(stdout.split('\n').at(-1) ?? '') as { statusCode: number; body: string };

    // Assess: the document, not the converter and schemas that generate it
    expect(served.statusCode).toBe(200);
    expect(served.body).toBe(JSON.stringify(openApiDocument(apiOperations, 'https://api.example.test')));
    expect(code).not.toContain('json-schema.org');
    expect(code).not.toContain(openApiDocumentConstant);
  });
});

describe('HTTP API', () => {
  it('puts the JWT authorizer on every non-public route and none on public ones', () => {
    // Prepare
    const routes = resourcesOfType(synthesized.template, 'AWS::ApiGatewayV2::Route');
    const [authorizerId] = Object.keys(
      resourcesOfType(synthesized.template, 'AWS::ApiGatewayV2::Authorizer'),
    );
    const publicKeys = manifest.flatMap((spec) =>
      routesOf(spec)
        .filter((route) => route.public)
        .map((route) => `${route.method} ${route.path}`),
    );

    // Assess
    expect(publicKeys.sort()).toEqual(['GET /health', 'GET /openapi.json']);
    for (const route of Object.values(routes)) {
      const routeKey = String(route.Properties?.RouteKey);
      if (publicKeys.includes(routeKey)) {
        expect(route.Properties?.AuthorizationType, routeKey).toBe('NONE');
        expect(route.Properties?.AuthorizerId, routeKey).toBeUndefined();
      } else {
        expect(route.Properties?.AuthorizationType, routeKey).toBe('JWT');
        expect(route.Properties?.AuthorizerId, routeKey).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('uses one Lambda integration per function', () => {
    const routed = new Set(templateRoutes(synthesized.template).map((route) => route.functionName));
    const integrations = resourcesOfType(synthesized.template, 'AWS::ApiGatewayV2::Integration');
    expect(Object.keys(integrations)).toHaveLength(routed.size);
  });

  it('validates tokens from the created user pool when no jwt is given', () => {
    const [poolId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::Cognito::UserPool'));
    const [clientId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::Cognito::UserPoolClient'));
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', [Match.stringLikeRegexp('^https://cognito-idp\\.'), { Ref: poolId }]] },
      },
    });
    const groups = Object.values(resourcesOfType(synthesized.template, 'AWS::Cognito::UserPoolGroup'));
    expect(groups.map((group) => group.Properties?.GroupName).sort()).toEqual([
      'admin',
      'agent',
      'change_manager',
      'requester',
    ]);
    expect(synthesized.stack.opsDesk.userPool).toBeDefined();
  });

  it('auto-deploys the default stage with access logs and throttling', () => {
    synthesized.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.anyValue(),
      },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
  });
});

describe('events', () => {
  it('archives the platform bus', () => {
    const [busId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::Events::EventBus'));
    synthesized.template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
      RetentionDays: Match.anyValue(),
    });
  });

  it('delivers every rule and schedule with retries and the dead-letter queue', () => {
    const [queueId] = Object.keys(resourcesOfType(customized.template, 'AWS::SQS::Queue'));
    const rules = templateEventRules(customized.template);
    expect(rules.some((rule) => rule.scheduleExpression)).toBe(true);
    expect(rules.some((rule) => rule.bus === 'default')).toBe(true);
    for (const rule of rules) {
      expect(rule.target.DeadLetterConfig, rule.description).toEqual({
        Arn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      });
      expect(rule.target.RetryPolicy, rule.description).toEqual({
        MaximumRetryAttempts: expect.any(Number),
        MaximumEventAgeInSeconds: expect.any(Number),
      });
    }
  });

  it('routes CloudWatch alarm state changes from the default bus to alarm-intake, and ingest requests to metrics-ingest', () => {
    const [queueId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::SQS::Queue'));
    const rules = templateEventRules(synthesized.template);
    const alarm = rules.find((rule) => rule.functionName === 'alarm-intake');
    expect(alarm).toMatchObject({
      bus: 'default',
      eventPattern: { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'] },
    });
    expect(alarm?.target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    const ingest = rules.filter((rule) => rule.functionName === 'metrics-ingest');
    expect(ingest.map((rule) => rule.scheduleExpression ?? rule.eventPattern)).toEqual(
      expect.arrayContaining([
        'rate(5 minutes)',
        { source: ['opsdesk.metrics'], 'detail-type': ['Metric Ingest Requested'] },
      ]),
    );
    expect(ingest.find((rule) => rule.eventPattern)?.bus).toBe('platform');
  });

  it('feeds the outbox publisher from the table stream with partial batch failures, a DLQ and a filter', () => {
    // Prepare
    const streamSpecs = manifest.filter((spec) => spec.stream);
    const [tableId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::DynamoDB::GlobalTable'));
    const [queueId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::SQS::Queue'));
    const mappings = Object.values(resourcesOfType(synthesized.template, 'AWS::Lambda::EventSourceMapping'));

    // Assess
    expect(streamSpecs.map((spec) => spec.name)).toContain('outbox-publisher');
    expect(mappings).toHaveLength(streamSpecs.length);
    for (const spec of streamSpecs) {
      synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: spec.stream?.batchSize,
        MaximumRetryAttempts: spec.stream?.retryAttempts,
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { NewImage: { [tableLayout.entityAttribute]: { S: [spec.stream?.entity] } } },
              }),
            },
          ],
        },
      });
    }
  });

  it('encrypts the dead-letter queue and requires TLS', () => {
    synthesized.template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    synthesized.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});

describe('alarms', () => {
  it('watches every function, the dead-letter queue and the API', () => {
    const alarms = Object.values(resourcesOfType(synthesized.template, 'AWS::CloudWatch::Alarm'));
    const watched = (namespace: string, metricName: string) =>
      alarms.filter(
        (alarm) => alarm.Properties?.Namespace === namespace && alarm.Properties?.MetricName === metricName,
      );
    expect(watched('AWS/Lambda', 'Errors')).toHaveLength(manifest.length);
    expect(watched('AWS/Lambda', 'Throttles')).toHaveLength(manifest.length);
    expect(watched('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(watched('AWS/ApiGateway', '5xx')).toHaveLength(1);
    for (const alarm of alarms) expect(alarm.Properties?.AlarmActions).toBeUndefined();
  });

  it('notifies the alarm topic when one is given', () => {
    const alarms = Object.values(resourcesOfType(customized.template, 'AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.Properties?.AlarmActions).toEqual([alarmTopicArn]);
  });
});

describe('least privilege', () => {
  it('gives platform-api its logs, traces and the two readiness probes, on the table and the bus only', () => {
    // Prepare
    const statements = policyStatementsOf(synthesized.template, 'platform-api');
    const [tableId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::DynamoDB::GlobalTable'));
    const [busId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::Events::EventBus'));

    // Assess: no data read beyond one GetItem, no write, no index
    expect(actionsOf(statements).sort()).toEqual(
      [
        'dynamodb:GetItem',
        'events:DescribeEventBus',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'events:DescribeEventBus'],
      Resource: [{ 'Fn::GetAtt': [tableId, 'Arn'] }, { 'Fn::GetAtt': [busId, 'Arn'] }],
    });
  });

  it('lets outbox-publisher read the stream and put events, never touch table data', () => {
    // Prepare
    const statements = policyStatementsOf(synthesized.template, 'outbox-publisher');
    const [tableId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::DynamoDB::GlobalTable'));
    const [busId] = Object.keys(resourcesOfType(synthesized.template, 'AWS::Events::EventBus'));

    // Assess
    for (const statement of statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('dynamodb:')))) {
      expect(actionsOf([statement]).every((action) => streamReadActions.includes(action))).toBe(true);
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [tableId, 'StreamArn'] });
    }
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'events:PutEvents',
      Resource: { 'Fn::GetAtt': [busId, 'Arn'] },
    });
  });

  it('grants every function exactly its declared access', () => {
    for (const { template, specs } of [
      { template: synthesized.template, specs: manifest },
      { template: customized.template, specs: extendedManifest },
    ]) {
      for (const spec of specs) {
        const actions = actionsOf(policyStatementsOf(template, spec.name));
        const has = (action: string) => actions.includes(action);
        expect(
          actions.filter((action) => action.endsWith('*')),
          spec.name,
        ).toEqual([]);
        expect(tableReadActions.every(has), `${spec.name} reads table`).toBe(spec.access.table !== undefined);
        expect(tableWriteActions.some(has), `${spec.name} writes table`).toBe(
          spec.access.table === 'readWrite',
        );
        expect(has('events:PutEvents'), `${spec.name} puts events`).toBe(spec.access.bus === true);
        expect(has('cloudwatch:GetMetricData'), `${spec.name} reads metrics`).toBe(
          spec.access.metrics?.includes('read') ?? false,
        );
        expect(has('cloudwatch:PutMetricData'), `${spec.name} writes metrics`).toBe(
          spec.access.metrics?.includes('write') ?? false,
        );
      }
    }
  });

  it('limits PutMetricData to the OpsDesk namespace', () => {
    const writers = extendedManifest.filter((spec) => spec.access.metrics?.includes('write'));
    expect(writers.length).toBeGreaterThan(0);
    for (const spec of writers) {
      expect(policyStatementsOf(customized.template, spec.name)).toContainEqual({
        Effect: 'Allow',
        Action: 'cloudwatch:PutMetricData',
        Resource: '*',
        Condition: { StringEquals: { 'cloudwatch:namespace': 'OpsDesk' } },
      });
    }
  });
});

describe('with an own identity provider', () => {
  it('creates no user pool and uses the given issuer and audience', () => {
    customized.template.resourceCountIs('AWS::Cognito::UserPool', 0);
    customized.template.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    customized.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: jwt.issuer, Audience: jwt.audience },
    });
    expect(customized.stack.opsDesk.userPool).toBeUndefined();
    expect(Object.keys(customized.template.findOutputs('*')).some((id) => id.includes('UserPool'))).toBe(
      false,
    );
  });

  it('passes the custom groups claim to every function', () => {
    const functions = functionResources(customized.template);
    expect(functions.size).toBe(extendedManifest.length);
    for (const [name, resource] of functions) {
      const variables = environmentOf(resource);
      expect(variables.GROUPS_CLAIM, name).toBe('realm_roles');
    }
  });

  it('sizes functions from the manifest', () => {
    const collector = functionResources(customized.template).get('capacity-collector');
    expect(collector?.Properties?.MemorySize).toBe(1024);
    expect(collector?.Properties?.Timeout).toBe(30);
  });
});

describe('outputs', () => {
  it('exports the API URL, table, bus and user pool', () => {
    const outputs = Object.keys(synthesized.template.findOutputs('*'));
    for (const name of ['ApiUrl', 'TableName', 'EventBusName', 'UserPoolId', 'UserPoolClientId']) {
      expect(
        outputs.some((id) => id.includes(name)),
        name,
      ).toBe(true);
    }
  });
});
