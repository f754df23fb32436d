import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { indexKeys, tableLayout } from '#adapters/dynamo/table-layout.ts';

/**
 * The single OpsDesk table, shaped by `table-layout.ts`: on-demand, point-in-time recovery,
 * deletion protection, retained on stack deletion, KMS encryption with the AWS managed key,
 * a NEW_IMAGE stream for the outbox, TTL for metric points, and the overloaded GSIs.
 *
 * @example
 * const table = createRecordTable(this, 'Table', { tableName: 'opsdesk' });
 */
export const createRecordTable = (scope: Construct, id: string, props: { tableName?: string }): TableV2 =>
  new TableV2(scope, id, {
    tableName: props.tableName,
    partitionKey: { name: tableLayout.partitionKey, type: AttributeType.STRING },
    sortKey: { name: tableLayout.sortKey, type: AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    encryption: TableEncryptionV2.awsManagedKey(),
    dynamoStream: StreamViewType.NEW_IMAGE,
    timeToLiveAttribute: tableLayout.timeToLiveAttribute,
    globalSecondaryIndexes: tableLayout.indexes.map((indexName) => ({
      indexName,
      partitionKey: { name: indexKeys(indexName).pk, type: AttributeType.STRING },
      sortKey: { name: indexKeys(indexName).sk, type: AttributeType.STRING },
    })),
  });
