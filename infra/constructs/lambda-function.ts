import { join } from 'node:path';
import { type CfnResource, Duration, Tags } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '#functions/manifest.ts';
import { functionNameTag } from './naming.ts';

export interface OpsDeskFunctionProps {
  spec: FunctionSpec;
  /** Absolute path of the OpsDesk repository (holds package-lock.json and the entry files). */
  projectRoot: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
}

/**
 * ESM bundles still meet CommonJS dependencies that call `require`; this gives them one.
 * Single quotes only: the CDK passes the banner to esbuild inside double quotes.
 */
export const createRequireBanner =
  "import { createRequire as opsdeskCreateRequire } from 'node:module'; const require = opsdeskCreateRequire(import.meta.url);";

/**
 * One manifest entry as a Lambda function: the latest Node.js Lambda runtime (cdk-nag L1) on ARM, an ESM bundle built by esbuild
 * (which resolves the package.json `imports` aliases and `.ts` imports), X-Ray tracing, its own
 * log group with retention, and its own role that starts with nothing but writing that log group.
 *
 * @example
 * const fn = new OpsDeskFunction(this, 'IncidentsApi', { spec, projectRoot, environment, logRetention });
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

    const runtime = Runtime.NODEJS_24_X;
    this.handler = new NodejsFunction(this, 'Handler', {
      entry: join(props.projectRoot, spec.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      description: spec.description,
      runtime,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      timeout: Duration.seconds(spec.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        target: runtime.name.replace(/^nodejs(\d+)\.x$/, 'node$1'),
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: false,
        banner: createRequireBanner,
        // Bundle the SDK v3 clients instead of using the runtime's copy: the version is the one we
        // tested, and tree-shaking plus one file start faster than resolving the runtime's modules.
        externalModules: [],
      },
    });
    Tags.of(this.handler).add(functionNameTag, spec.name);
    // lambda.Function always adds DependsOn on its role construct (role and inline policy) so the
    // policy exists before the first invocation; cfn-lint flags the role half as redundant with
    // the GetAtt (W3005). Silenced on this resource only, so the template lints clean.
    (this.handler.node.defaultChild as CfnResource).addMetadata('cfn-lint', {
      config: { ignore_checks: ['W3005'] },
    });
  }
}
