import { type AttributeValue, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { RelationshipType, StoredRelationship } from '#domain/cmdb/relationship.ts';
import type { CmdbStore } from '#ports/cmdb-store.ts';
import type { Page, RecordWrite } from '#ports/record-store.ts';
import { ciPartition, externalIdGuardKey, incomingKey, outgoingKey } from './cmdb-keys.ts';
import { decodeCursor, encodeCursor, fromCursor } from './cursor.ts';
import { DynamoCmdbGraph, type EdgeItem } from './dynamo-cmdb-graph.ts';
import { fromItem } from './item-codec.ts';
import { storeCall } from './store-failures.ts';

type Item = Record<string, AttributeValue>;

/**
 * The CMDB's graph store on the single table (key design: `cmdb-keys.ts`): the graph, plus what
 * the CMDB's own processes keep (edges a page at a time, external-id guards, edge writes).
 * @example const cmdb = new DynamoCmdbStore(new DynamoDBClient({}), process.env.TABLE_NAME);
 */
export class DynamoCmdbStore extends DynamoCmdbGraph implements CmdbStore {
  async relationships(
    ciId: string,
    page: { limit: number; cursor?: string },
  ): Promise<Page<StoredRelationship>> {
    const startKey = decodeCursor(page.cursor, {
      names: ['pk', 'sk'],
      partition: { name: 'pk', value: ciPartition(ciId) },
    });
    const result = await fromCursor(
      page.cursor,
      storeCall(
        this.client.send(
          new QueryCommand({ ...this.edgeQuery(ciId, {}), Limit: page.limit, ExclusiveStartKey: startKey }),
        ),
      ),
    );
    const items = result.Items ?? [];
    const last = items.at(-1);
    const next =
      result.LastEvaluatedKey && last
        ? { pk: last.pk as AttributeValue, sk: last.sk as AttributeValue }
        : undefined;
    return { items: items.map((item) => fromItem<EdgeItem>(item)), nextCursor: encodeCursor(next) };
  }

  async relationship(
    fromId: string,
    type: RelationshipType,
    toId: string,
  ): Promise<StoredRelationship | undefined> {
    const item = await this.itemAt(outgoingKey(fromId, type, toId));
    return item ? fromItem<EdgeItem>(item) : undefined;
  }

  async ciIdByExternalId(externalId: string): Promise<string | undefined> {
    return (await this.itemAt(externalIdGuardKey(externalId)))?.ciId?.S;
  }

  externalIdGuard(externalId: string, ciId: string): RecordWrite {
    return {
      type: 'item',
      key: externalIdGuardKey(externalId),
      item: { entity: 'ci-external-id', externalId, ciId },
      ifAbsent: true,
    };
  }

  relationshipWrites(edge: StoredRelationship): RecordWrite[] {
    const item = { entity: 'ci-edge', ...edge };
    return [
      { type: 'exists', kind: 'ci', id: edge.fromId, equals: { status: 'active' } },
      { type: 'exists', kind: 'ci', id: edge.toId, equals: { status: 'active' } },
      {
        type: 'item',
        key: outgoingKey(edge.fromId, edge.type, edge.toId),
        item: { ...item, direction: 'out' },
        ifAbsent: true,
      },
      {
        type: 'item',
        key: incomingKey(edge.fromId, edge.type, edge.toId),
        item: { ...item, direction: 'in' },
        ifAbsent: true,
      },
    ];
  }

  relationshipRemoval(edge: Pick<StoredRelationship, 'fromId' | 'toId' | 'type'>): RecordWrite[] {
    return [
      { type: 'remove', key: outgoingKey(edge.fromId, edge.type, edge.toId) },
      { type: 'remove', key: incomingKey(edge.fromId, edge.type, edge.toId) },
    ];
  }

  /** One item by its key, read consistently (a guard or an edge just written must be seen). */
  private async itemAt(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const result = await storeCall(
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: key.pk }, sk: { S: key.sk } },
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item;
  }
}
