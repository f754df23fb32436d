import { type DynamoDBClient, GetItemCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { RecordKind } from '#domain/record/record.ts';
import type { ClockSettlement, DueRecord, DueScan, SlaClockStore } from '#ports/service-level-store.ts';
import { type WriteRetry, writeRetry } from '#ports/write-retry.ts';
import { fromItem, recordKey, toItem } from './item-codec.ts';
import { outboxItem } from './outbox-item.ts';
import { queryPages } from './query-pages.ts';
import { slaDueBound, slaDueIndexAttributes, slaDuePartition, slaDueShards } from './sla-due-index.ts';
import { storeCall } from './store-failures.ts';
import { transactWrites } from './transact-writes.ts';

/** The per-record item holding every threshold announced: `<kind>#<id>` / `sla`. */
const clockKey = (kind: string, id: string) => ({ pk: { S: `${kind}#${id}` }, sk: { S: 'sla' } });

/** The record's SLA fields a sweep visit refreshes in place (never its version, never anything else). */
const clockFields = ['slas', 'slaEmitted', 'slaNextCheckAt', 'gsi10pk', 'gsi10sk'] as const;

/**
 * The SLA sweep's store on the single table: due clocks from gsi10 (on the record items, see
 * `sla-due-index.ts`), and a sweep visit's settlement. Only the `sla-sweep` function builds it.
 * @example const clocks = new DynamoSlaClocks(new DynamoDBClient({}), 'opsdesk');
 */
export class DynamoSlaClocks implements SlaClockStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: { nowMs?: () => number; retry?: WriteRetry } = {},
  ) {}

  /**
   * One TransactWriteItems: write 0 updates the record item's SLA fields and due entry, on the
   * condition that it is still at the version read, and leaves `version` alone (no history, no
   * stale ETag); write 1 adds the announced thresholds to the record's `sla` item on the condition
   * that none is there yet; then one outbox item per event.
   */
  async settleClock(settlement: ClockSettlement): Promise<void> {
    const { kind, record } = settlement;
    const values: Record<string, unknown> = {
      ...record,
      ...slaDueIndexAttributes(kind, record),
    };
    const set = clockFields.filter((field) => values[field] !== undefined);
    const remove = clockFields.filter((field) => values[field] === undefined);
    const names = Object.fromEntries(clockFields.map((field, n) => [`#f${n}`, field]));
    const name = (field: string) => `#f${clockFields.indexOf(field as (typeof clockFields)[number])}`;
    const recordUpdate: TransactWriteItem = {
      Update: {
        TableName: this.tableName,
        Key: recordKey(kind, record.id),
        UpdateExpression: [
          set.length > 0 ? `SET ${set.map((field) => `${name(field)} = :${field}`).join(', ')}` : '',
          remove.length > 0 ? `REMOVE ${remove.map(name).join(', ')}` : '',
        ].join(' '),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { ...names, '#version': 'version' },
        ExpressionAttributeValues: {
          ...toItem(Object.fromEntries(set.map((field) => [`:${field}`, values[field]]))),
          ':version': { N: String(record.version) },
        },
      },
    };
    const writes: TransactWriteItem[] = [recordUpdate];
    if (settlement.announced.length > 0)
      writes.push({
        Update: {
          TableName: this.tableName,
          Key: clockKey(kind, record.id),
          UpdateExpression: 'ADD #emitted :announced SET #entity = :entity',
          ConditionExpression: settlement.announced
            .map((_, n) => `NOT contains(#emitted, :t${n})`)
            .join(' AND '),
          ExpressionAttributeNames: { '#emitted': 'emitted', '#entity': 'entity' },
          ExpressionAttributeValues: {
            ':announced': { SS: [...new Set(settlement.announced)] },
            ':entity': { S: 'sla-clock' },
            ...Object.fromEntries(settlement.announced.map((key, n) => [`:t${n}`, { S: key }])),
          },
        },
      });
    const nowSeconds = Math.floor((this.options.nowMs?.() ?? Date.now()) / 1000);
    for (const event of settlement.events)
      writes.push({ Put: { TableName: this.tableName, Item: outboxItem(event, nowSeconds) } });
    // Write 0 is the record at the version read; write 1 the threshold guard.
    await transactWrites(this.client, writes, this.options.retry ?? writeRetry, (index) =>
      index === 0 ? 'version' : 'exists',
    );
  }

  async announcedThresholds(kind: RecordKind, id: string): Promise<string[]> {
    const result = await storeCall(
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: clockKey(kind, id), ConsistentRead: true }),
      ),
    );
    return [...(result.Item?.emitted?.SS ?? [])];
  }

  async dueRecords(now: Date): Promise<DueScan> {
    const scans = await Promise.all(
      Array.from({ length: slaDueShards }, (_, shard) => this.dueInShard(shard, now)),
    );
    return {
      records: scans.flatMap((scan) => scan.records),
      itemsRead: scans.reduce((sum, scan) => sum + scan.itemsRead, 0),
      queries: scans.reduce((sum, scan) => sum + scan.queries, 0),
    };
  }

  private async dueInShard(shard: number, now: Date): Promise<DueScan> {
    const records: DueRecord[] = [];
    let itemsRead = 0;
    let queries = 0;
    for await (const page of queryPages(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi10',
      KeyConditionExpression: 'gsi10pk = :shard AND gsi10sk <= :now',
      ExpressionAttributeValues: {
        ':shard': { S: slaDuePartition(shard) },
        ':now': { S: slaDueBound(now) },
      },
    })) {
      queries++;
      itemsRead += page.ScannedCount ?? 0;
      for (const item of page.Items ?? []) {
        const kind = item.entity?.S as RecordKind | undefined;
        if (kind) records.push({ kind, record: fromItem<DueRecord['record']>(item) });
      }
    }
    return { records, itemsRead, queries };
  }
}
