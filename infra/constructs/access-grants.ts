import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { AccessSpec } from '#functions/manifest.ts';

/** Namespace of the metrics OpsDesk publishes; PutMetricData is limited to it. */
export const metricsNamespace = 'OpsDesk';

const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export interface GrantTargets {
  table: ITableV2;
  eventBus: IEventBus;
}

/**
 * Grants a function exactly what its manifest `access` declares and nothing more. Returns the
 * statements that need a wildcard resource, so the caller can acknowledge them with a reason.
 *
 * @example
 * grantManifestAccess(fn, { table: 'read', metrics: ['read'] }, { table, eventBus });
 */
export const grantManifestAccess = (
  grantee: IGrantable,
  access: AccessSpec,
  targets: GrantTargets,
): string[] => {
  const wildcardReasons: string[] = [];
  // Named actions rather than grantReadData: no Scan (every list is a Query) and no stream reads.
  if (access.table === 'read') targets.table.grant(grantee, ...tableReadActions);
  if (access.table === 'readWrite') targets.table.grant(grantee, ...tableReadActions, ...tableWriteActions);
  if (access.bus) targets.eventBus.grantPutEventsTo(grantee);
  if (access.readiness)
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:GetItem', 'events:DescribeEventBus'],
        resources: [targets.table.tableArn, targets.eventBus.eventBusArn],
      }),
    );
  const metrics = new Set(access.metrics ?? []);
  if (metrics.has('read')) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ['cloudwatch:GetMetricData'], resources: ['*'] }),
    );
    wildcardReasons.push('cloudwatch:GetMetricData supports no resource-level permissions');
  }
  if (metrics.has('write')) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': metricsNamespace } },
      }),
    );
    wildcardReasons.push(
      `cloudwatch:PutMetricData supports no resource-level permissions; it is limited to the ${metricsNamespace} namespace by condition`,
    );
  }
  return wildcardReasons;
};
