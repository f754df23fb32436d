import { join } from 'node:path';
import { AssetStaging, type CfnResource, Duration, Tags, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type FunctionSpec, routesOf } from '#functions/manifest.ts';
import { bundleAliases, bundleDefines } from './bundle-options.ts';
import { functionNameTag } from './naming.ts';

export interface OpsDeskFunctionProps {
  spec: FunctionSpec;
  /** Absolute path of the OpsDesk repository (holds package-lock.json and the entry files). */
  projectRoot: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /** Receives the asynchronous invocations (schedules, event rules) that failed every retry. */
  deadLetterQueue: IQueue;
}

/**
 * Whether Lambda queues the function's invocations itself: EventBridge schedules and rules invoke
 * asynchronously, so only those functions can lose an event without a dead-letter queue.
 * @example invokedAsynchronously({ ...spec, schedules: [{ name: 'sweep', expression: 'rate(1 minute)' }] }) // true
 */
export const invokedAsynchronously = (spec: FunctionSpec): boolean =>
  (spec.schedules?.length ?? 0) > 0 || (spec.rules?.length ?? 0) > 0;

/**
 * Why a function invoked only synchronously needs no dead-letter queue of its own (cdk-nag
 * Serverless-LambdaDLQ): Lambda sends only asynchronous invocations to one.
 */
const synchronousOnlyReason = (spec: FunctionSpec): string => {
  const callers = [
    ...(routesOf(spec).length > 0
      ? [
          'the HTTP API (a synchronous proxy integration: a failure returns to the caller as a 5xx problem document and raises the Api5xx and Errors alarms)',
        ]
      : []),
    ...(spec.stream
      ? [
          "the table stream's event source mapping (synchronous polling: a batch that fails every retry goes to the dead-letter queue through the mapping's on-failure destination)",
        ]
      : []),
  ];
  return `${spec.name} is invoked only by ${callers.length > 0 ? callers.join(' and ') : 'nothing asynchronous (it has no schedule or rule)'}; Lambda applies a dead-letter queue only to asynchronous invocations.`;
};

/** The latest Node.js Lambda runtime (cdk-nag L1), and the esbuild target that matches it. */
const functionRuntime = Runtime.NODEJS_24_X;
export const bundleTarget = functionRuntime.name.replace(/^nodejs(\d+)\.x$/, 'node$1');

/**
 * ESM bundles still meet CommonJS dependencies that call `require`; this gives them one.
 * Single quotes only: the CDK passes the banner to esbuild inside double quotes.
 */
export const createRequireBanner =
  "import { createRequire as opsdeskCreateRequire } from 'node:module'; const require = opsdeskCreateRequire(import.meta.url);";

/**
 * One manifest entry as a Lambda function: the latest Node.js Lambda runtime (cdk-nag L1) on ARM, an ESM bundle built by esbuild
 * (which resolves the package.json `imports` aliases and `.ts` imports), X-Ray tracing, its own
 * log group with retention, its own role that starts with nothing but writing that log group, and
 * the dead-letter queue when schedules or rules invoke it asynchronously.
 *
 * @example
 * const fn = new OpsDeskFunction(this, 'IncidentsApi', { spec, projectRoot, environment, logRetention, deadLetterQueue });
 * table.grantReadWriteData(fn.handler);
 */
export class OpsDeskFunction extends Construct {
  public readonly handler: NodejsFunction;
  public readonly role: Role;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: OpsDeskFunctionProps) {
    super(scope, id);
    const { spec } = props;
    this.logGroup = new LogGroup(this, 'LogGroup', { retention: props.logRetention });
    // An own role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole, which may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `OpsDesk ${spec.name}`,
    });
    this.logGroup.grantWrite(this.role);

    this.handler = new NodejsFunction(this, 'Handler', {
      entry: join(props.projectRoot, spec.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      description: spec.description,
      runtime: functionRuntime,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      // Only where Lambda queues invocations itself; the CDK grants the role SendMessage on the queue.
      ...(invokedAsynchronously(spec) ? { deadLetterQueue: props.deadLetterQueue } : {}),
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        target: bundleTarget,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: false,
        banner: createRequireBanner,
        define: bundleDefines(spec),
        esbuildArgs: Object.fromEntries(
          Object.entries(bundleAliases).map(([name, path]) => [`--alias:${name}`, path]),
        ),
        // Where esbuild resolves the aliases when Docker bundles (no local esbuild): the mounted project.
        workingDirectory: AssetStaging.BUNDLING_INPUT_DIR,
        // Bundle the SDK v3 clients instead of using the runtime's copy: the version is the one we
        // tested, and tree-shaking plus one file start faster than resolving the runtime's modules.
        externalModules: [],
      },
    });
    Tags.of(this.handler).add(functionNameTag, spec.name);
    if (!invokedAsynchronously(spec))
      Validations.of(this.handler).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: synchronousOnlyReason(spec),
      });
    // lambda.Function always adds DependsOn on its role construct (role and inline policy) so the
    // policy exists before the first invocation; cfn-lint flags the role half as redundant with
    // the GetAtt (W3005). Silenced on this resource only, so the template lints clean.
    (this.handler.node.defaultChild as CfnResource).addMetadata('cfn-lint', {
      config: { ignore_checks: ['W3005'] },
    });
  }
}
