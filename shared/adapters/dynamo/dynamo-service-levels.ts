import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { RecordKind } from '#domain/record/record.ts';
import type {
  ServiceLevelConfig,
  StoredCalendar,
  StoredPolicy,
} from '#domain/service-levels/service-level-config.ts';
import { type OutboundEvent, StoreUnavailable, WriteConflict, WriteContention } from '#ports/record-store.ts';
import type { ClockSettlement, DueRecord, DueScan, ServiceLevelStore } from '#ports/service-level-store.ts';
import { type WriteRetry, writeRetry } from '#ports/write-retry.ts';
import { publicJson } from '#schemas/public-representation.ts';
import { fromItem, recordKey, toItem } from './item-codec.ts';
import { slaDueBound, slaDueIndexAttributes, slaDuePartition, slaDueShards } from './sla-due-index.ts';
import { cancellation, storeCall } from './store-failures.ts';

const outboxTtlSeconds = 7 * 86_400;

/**
 * An outbox item exactly as `DynamoRecordStore` writes one for an `event` write (the stream and
 * `outbox-publisher` read both alike).
 */
const outboxItem = (event: OutboundEvent, nowSeconds: number) =>
  toItem({
    pk: `outbox#${event.id}`,
    sk: 'outbox',
    entity: 'outbox',
    source: 'opsdesk',
    detailType: event.detailType,
    detail: publicJson(event.detail),
    expiresAt: nowSeconds + outboxTtlSeconds,
  });

/** The per-record item holding every threshold announced: `<kind>#<id>` / `sla`. */
const clockKey = (kind: string, id: string) => ({ pk: { S: `${kind}#${id}` }, sk: { S: 'sla' } });

/** The record's SLA fields a sweep visit refreshes in place (never its version, never anything else). */
const clockFields = ['slas', 'slaEmitted', 'slaNextCheckAt', 'gsi10pk', 'gsi10sk'] as const;

/** Policies and calendars share one partition: `config()` is a single Query. */
const configPartition = 'slaconfig';

// Per container, across handler modules: a PUT in this container is seen at once; other containers
// see it after at most `cacheSeconds` (documented in the README).
const cache = new Map<string, { expiresAtMs: number; config: ServiceLevelConfig }>();

/**
 * ServiceLevelStore on the single table. Items: `slaconfig` / `calendar#<id>` and `policy#<id>`;
 * the due index is gsi10 on the record items themselves (`sla-due-index.ts`); the report reads
 * each kind's creation listing (gsi1, sorted by `<createdAt>#<id>`).
 *
 * @example const levels = new DynamoServiceLevels(new DynamoDBClient({}), 'opsdesk', { cacheSeconds: 30 });
 */
export class DynamoServiceLevels implements ServiceLevelStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    private readonly options: { cacheSeconds?: number; nowMs?: () => number; retry?: WriteRetry } = {},
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
    const retry = this.options.retry ?? writeRetry;
    for (let attempt = 1; ; attempt++) {
      try {
        await storeCall(this.client.send(new TransactWriteItemsCommand({ TransactItems: writes })));
        return;
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const cancelled = cancellation(error.CancellationReasons ?? []);
        if (cancelled.kind === 'condition')
          throw new WriteConflict(cancelled.writeIndex === 0 ? 'version' : 'exists', cancelled.writeIndex);
        if (cancelled.kind === 'throttled') throw new StoreUnavailable(error);
        if (cancelled.kind === 'other') throw error;
        if (attempt >= retry.attempts) throw new WriteContention();
        await retry.pause(attempt);
      }
    }
  }

  async announcedThresholds(kind: RecordKind, id: string): Promise<string[]> {
    const result = await storeCall(
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: clockKey(kind, id), ConsistentRead: true }),
      ),
    );
    return [...(result.Item?.emitted?.SS ?? [])];
  }

  async putCalendar(calendar: StoredCalendar): Promise<{ created: boolean }> {
    return this.putConfigItem(`calendar#${calendar.id}`, 'sla-calendar', calendar);
  }

  async putPolicy(policy: StoredPolicy): Promise<{ created: boolean }> {
    return this.putConfigItem(`policy#${policy.id}`, 'sla-policy', policy);
  }

  async config(options: { fresh?: boolean } = {}): Promise<ServiceLevelConfig> {
    const nowMs = this.options.nowMs?.() ?? Date.now();
    const cached = cache.get(this.tableName);
    if (!options.fresh && cached && cached.expiresAtMs > nowMs) return cached.config;
    // No prototype: a calendar id like `__proto__` or `constructor` must name nothing but a calendar.
    const config: ServiceLevelConfig = { policies: [], calendars: Object.create(null) };
    for await (const item of this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: configPartition } },
      ConsistentRead: true,
    })) {
      if (item.entity?.S === 'sla-policy') config.policies.push(fromItem<StoredPolicy>(item));
      if (item.entity?.S === 'sla-calendar') {
        const calendar = fromItem<StoredCalendar>(item);
        config.calendars[calendar.id] = calendar;
      }
    }
    config.policies.sort((a, b) => a.id.localeCompare(b.id));
    cache.set(this.tableName, { expiresAtMs: nowMs + (this.options.cacheSeconds ?? 0) * 1000, config });
    return config;
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

  async *recordsCreated(kind: RecordKind, from: Date, to: Date): AsyncIterable<Record<string, unknown>[]> {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const result = await storeCall(
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            // gsi1sk is `<createdAt>#<id>`: `<to>#...` sorts after `<to>`, so `to` is exclusive.
            KeyConditionExpression: 'gsi1pk = :kind AND gsi1sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':kind': { S: kind },
              ':from': { S: from.toISOString() },
              ':to': { S: to.toISOString() },
            },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      yield (result.Items ?? []).map((item) => fromItem<Record<string, unknown>>(item));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
  }

  private async dueInShard(shard: number, now: Date): Promise<DueScan> {
    const records: DueRecord[] = [];
    let itemsRead = 0;
    let queries = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const result = await storeCall(
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi10',
            KeyConditionExpression: 'gsi10pk = :shard AND gsi10sk <= :now',
            ExpressionAttributeValues: {
              ':shard': { S: slaDuePartition(shard) },
              ':now': { S: slaDueBound(now) },
            },
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      queries++;
      itemsRead += result.ScannedCount ?? 0;
      for (const item of result.Items ?? []) {
        const kind = item.entity?.S as RecordKind | undefined;
        if (kind) records.push({ kind, record: fromItem<DueRecord['record']>(item) });
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return { records, itemsRead, queries };
  }

  private async *queryAll(input: QueryCommandInput) {
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const result = await storeCall(
        this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey })),
      );
      yield* result.Items ?? [];
      startKey = result.LastEvaluatedKey;
    } while (startKey);
  }

  private async putConfigItem(sk: string, entity: string, body: object): Promise<{ created: boolean }> {
    const result = await storeCall(
      this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: toItem({ ...body, pk: configPartition, sk, entity }),
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    cache.delete(this.tableName);
    return { created: result.Attributes === undefined };
  }
}
