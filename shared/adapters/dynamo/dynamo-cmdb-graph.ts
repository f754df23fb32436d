import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import type { Neighbour, WalkDirection } from '#domain/cmdb/impact-walk.ts';
import type { StoredRelationship } from '#domain/cmdb/relationship.ts';
import type { ChangeFootprint, CmdbGraph, GraphLevel } from '#ports/cmdb-store.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import {
  changeFootprintKey,
  changeFootprintPartition,
  ciPartition,
  incomingPrefix,
  outgoingPrefix,
} from './cmdb-keys.ts';
import { fromItem, recordKey } from './item-codec.ts';
import { queryPages } from './query-pages.ts';
import { storeCall } from './store-failures.ts';

type Item = Record<string, AttributeValue>;
/** An edge as stored: one copy under each end. */
export type EdgeItem = StoredRelationship & { direction: 'out' | 'in' };

const maxBatchGet = 100;
/** How long a change's footprint stays: findings look back a day; a month leaves room. */
const footprintDays = 30;
/** Sort keys of both edge copies sit between these: `in#…` < `out#…` < `out#~`; `record` and `history#` do not. */
const edgeRange = { from: incomingPrefix, to: `${outgoingPrefix}~` };

/**
 * The CMDB graph on the single table (key design: `cmdb-keys.ts`), as ITSM processes read it. A
 * walk level is one round trip: one Query per CI of the level and BatchGetItem of their records,
 * sent together. The CMDB's own writes and lookups are `DynamoCmdbStore`'s.
 * @example const graph = new DynamoCmdbGraph(new DynamoDBClient({}), process.env.TABLE_NAME);
 */
export class DynamoCmdbGraph implements CmdbGraph {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
  ) {}

  async level(ids: string[], direction: WalkDirection): Promise<GraphLevel> {
    const prefix = direction === 'impact' ? incomingPrefix : outgoingPrefix;
    const unique = [...new Set(ids)];
    const [edgeLists, cis] = await Promise.all([
      Promise.all(unique.map((id) => this.queryAll(this.edgeQuery(id, { prefix })))),
      this.cis(unique),
    ]);
    const neighbours = new Map<string, Neighbour[]>();
    unique.forEach((id, position) => {
      const edges = (edgeLists[position] ?? []).map((item) => fromItem<EdgeItem>(item));
      neighbours.set(
        id,
        edges.map((edge) => ({ ciId: edge.direction === 'in' ? edge.fromId : edge.toId, type: edge.type })),
      );
    });
    return { neighbours, cis };
  }

  async cis(ids: string[]): Promise<Map<string, ConfigurationItem>> {
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let start = 0; start < unique.length; start += maxBatchGet)
      chunks.push(unique.slice(start, start + maxBatchGet));
    const found = new Map<string, ConfigurationItem>();
    const batches = await Promise.all(chunks.map((chunk) => this.batchGet(chunk)));
    for (const item of batches.flat()) {
      const ci = fromItem<ConfigurationItem>(item);
      found.set(ci.id, ci);
    }
    return found;
  }

  async allRelationships(ciId: string): Promise<StoredRelationship[]> {
    return (await this.queryAll(this.edgeQuery(ciId, {}))).map((item) => fromItem<EdgeItem>(item));
  }

  async relatedCis(ids: string[]): Promise<Record<string, string[]>> {
    const unique = [...new Set(ids)];
    const lists = await Promise.all(unique.map((id) => this.allRelationships(id)));
    return Object.fromEntries(
      unique.map((id, position) => [
        id,
        [...new Set((lists[position] ?? []).map((edge) => (edge.fromId === id ? edge.toId : edge.fromId)))],
      ]),
    );
  }

  changeFootprintWrite(footprint: ChangeFootprint): RecordWrite {
    return {
      type: 'item',
      key: changeFootprintKey(footprint),
      item: {
        entity: 'ci-change',
        ...footprint,
        expiresAt: Math.floor(Date.parse(footprint.at) / 1000) + footprintDays * 86_400,
      },
    };
  }

  async recentChanges(
    ciIds: string[],
    range: { from: string; to: string },
  ): Promise<Map<string, ChangeFootprint[]>> {
    const read = async (ciId: string) => {
      const footprints: ChangeFootprint[] = [];
      for await (const page of queryPages(this.client, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': { S: changeFootprintPartition(ciId) },
          ':from': { S: range.from },
          ':to': { S: `${range.to}~` },
        },
      }))
        for (const item of page.Items ?? []) {
          const { ciId: on, changeId, number, at } = fromItem<ChangeFootprint>(item);
          footprints.push({ ciId: on, changeId, number, at });
        }
      return [ciId, footprints] as const;
    };
    return new Map(await Promise.all([...new Set(ciIds)].map(read)));
  }

  protected edgeQuery(ciId: string, options: { prefix?: string }): QueryCommandInput {
    const values: Item = { ':pk': { S: ciPartition(ciId) } };
    let condition: string;
    if (options.prefix) {
      values[':prefix'] = { S: options.prefix };
      condition = '#pk = :pk AND begins_with(#sk, :prefix)';
    } else {
      values[':from'] = { S: edgeRange.from };
      values[':to'] = { S: edgeRange.to };
      condition = '#pk = :pk AND #sk BETWEEN :from AND :to';
    }
    return {
      TableName: this.tableName,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: values,
      ConsistentRead: true,
    };
  }

  /** Every item of a Query; a CI with more than 1 MB of edges costs more than one call. */
  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of queryPages(this.client, input)) items.push(...(page.Items ?? []));
    return items;
  }

  private async batchGet(ids: string[]): Promise<Item[]> {
    const found: Item[] = [];
    let keys = ids.map((id) => recordKey('ci', id));
    while (keys.length > 0) {
      const result = await storeCall(
        this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        ),
      );
      found.push(...(result.Responses?.[this.tableName] ?? []));
      keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
    }
    return found;
  }
}
