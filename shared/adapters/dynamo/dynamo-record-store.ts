import {
  type AttributeValue,
  BatchGetItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type QueryCommandInput,
  type TransactWriteItem,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { RecordKind } from '#domain/record/record.ts';
import type {
  AlarmWrite,
  Comment,
  HistoryEntry,
  ListQuery,
  Page,
  RecordStore,
  RecordWrite,
  StoredResponse,
  WriteConflict,
} from '#ports/record-store.ts';
import { type WriteRetry, writeRetry } from '#ports/write-retry.ts';
import { decodeCursor, encodeCursor, fromCursor } from './cursor.ts';
import { indexAttributes, indexPartition, indexPlans } from './index-plans.ts';
import { fromItem, recordKey, toItem } from './item-codec.ts';
import { outboxItem } from './outbox-item.ts';
import { storeCall } from './store-failures.ts';
import { transactWrites } from './transact-writes.ts';

const day = 86_400;
const idempotencyTtlSeconds = day + 3_600;
const maxBatchGet = 100;

/** The sequence a kind's numbers start after: the first incident is INC0001001. */
const firstSequence = 1000;

/**
 * RecordStore on one DynamoDB table (layout: `table-layout.ts`, indexes: `index-plans.ts`).
 * Every list is a Query on an index; every multi-item change is one TransactWriteItems. Alarm
 * guard items are `DynamoAlarmRecordStore`'s, so the HTTP APIs' bundles do not carry them.
 * @example const store = new DynamoRecordStore(new DynamoDBClient({}), process.env.TABLE_NAME);
 */
export class DynamoRecordStore implements RecordStore {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
    protected readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
    /** Spent on transactions cancelled by concurrent transactions; tests pass `immediateRetry`. */
    private readonly retry: WriteRetry = writeRetry,
  ) {}

  async nextSequence(kind: RecordKind): Promise<number> {
    const result = await storeCall(
      this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: `counter#${kind}` }, sk: { S: 'counter' } },
          UpdateExpression: 'SET #seq = if_not_exists(#seq, :base) + :one, #entity = :entity',
          ExpressionAttributeNames: { '#seq': 'sequence', '#entity': 'entity' },
          ExpressionAttributeValues: {
            ':base': { N: String(firstSequence) },
            ':one': { N: '1' },
            ':entity': { S: 'counter' },
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
    );
    return Number(result.Attributes?.sequence?.N);
  }

  async get<T>(kind: RecordKind, id: string): Promise<T | undefined> {
    const result = await storeCall(
      this.client.send(
        new GetItemCommand({ TableName: this.tableName, Key: recordKey(kind, id), ConsistentRead: true }),
      ),
    );
    return result.Item ? fromItem<T>(result.Item) : undefined;
  }

  async getMany<T>(kind: RecordKind, ids: string[]): Promise<T[]> {
    const unique = [...new Set(ids)];
    const found: T[] = [];
    for (let start = 0; start < unique.length; start += maxBatchGet) {
      let keys = unique.slice(start, start + maxBatchGet).map((id) => recordKey(kind, id));
      while (keys.length > 0) {
        const result = await storeCall(
          this.client.send(new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys } } })),
        );
        for (const item of result.Responses?.[this.tableName] ?? []) found.push(fromItem<T>(item));
        keys = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
      }
    }
    return found;
  }

  async list<T>(kind: RecordKind, query: ListQuery): Promise<Page<T>> {
    const { from, before } = query.sortRange ?? {};
    if (from !== undefined && before !== undefined && from >= before) return { items: [], nextCursor: null };
    const plan = indexPlans[kind];
    const present = Object.entries(query.filters).filter(([, value]) => value !== undefined);
    const keyField = plan.filterOrder.find((field) => query.filters[field] !== undefined);
    const index = keyField ? (plan.filterIndexes[keyField] ?? 'gsi1') : 'gsi1';
    const partition = indexPartition(kind, keyField, keyField ? query.filters[keyField] : undefined);
    const rest = present.filter(([field]) => field !== keyField);
    const names: Record<string, string> = { '#pk': `${index}pk` };
    const values: QueryCommandInput['ExpressionAttributeValues'] = { ':pk': { S: partition } };
    rest.forEach(([field, value], position) => {
      names[`#f${position}`] = field;
      values[`:f${position}`] = toItem({ v: value }).v as NonNullable<(typeof values)[string]>;
    });
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: `#pk = :pk${sortCondition(index, query.sortRange, names, values)}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: query.ascending === true,
      ...(rest.length > 0
        ? { FilterExpression: rest.map((_, position) => `#f${position} = :f${position}`).join(' AND ') }
        : {}),
    };
    const keyNames = ['pk', 'sk', `${index}pk`, `${index}sk`];
    return this.collectPage<T>(input, query.limit, query.cursor, keyNames, {
      name: `${index}pk`,
      value: partition,
    });
  }

  async history(kind: RecordKind, id: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>> {
    return this.collectPage<HistoryEntry>(
      this.childQuery(kind, id, 'history#'),
      limit,
      cursor,
      ['pk', 'sk'],
      {
        name: 'pk',
        value: `${kind}#${id}`,
      },
    );
  }

  async comments(
    kind: RecordKind,
    id: string,
    options: { limit: number; cursor?: string; publicOnly: boolean },
  ): Promise<Page<Comment>> {
    const input = this.childQuery(kind, id, 'comment#');
    if (options.publicOnly) {
      input.FilterExpression = '#visibility = :public';
      input.ExpressionAttributeNames = { ...input.ExpressionAttributeNames, '#visibility': 'visibility' };
      input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':public': { S: 'public' } };
    }
    return this.collectPage<Comment>(input, options.limit, options.cursor, ['pk', 'sk'], {
      name: 'pk',
      value: `${kind}#${id}`,
    });
  }

  async storedResponse(key: string): Promise<StoredResponse | undefined> {
    const result = await storeCall(
      this.client.send(
        new GetItemCommand({
          TableName: this.tableName,
          Key: { pk: { S: `idempotency#${key}` }, sk: { S: 'idempotency' } },
          ConsistentRead: true,
        }),
      ),
    );
    if (!result.Item) return undefined;
    const stored = fromItem<StoredResponse & { expiresAtSeconds: number }>(result.Item);
    if (stored.expiresAtSeconds < this.nowSeconds()) return undefined;
    return { fingerprint: stored.fingerprint, status: stored.status, body: stored.body };
  }

  async commit(writes: RecordWrite[]): Promise<void> {
    await transactWrites(
      this.client,
      writes.map((write) => this.transactItem(write)),
      this.retry,
      (index) => conflictReason(writes[index]),
    );
  }

  private childQuery(kind: RecordKind, id: string, prefix: string): QueryCommandInput {
    return {
      TableName: this.tableName,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':pk': { S: `${kind}#${id}` }, ':prefix': { S: prefix } },
      ConsistentRead: true,
    };
  }

  /**
   * One Query when nothing is filtered out; with a filter expression it reads on until the
   * page is full, then cuts the page at its last item so the cursor resumes right after it.
   */
  private async collectPage<T>(
    input: QueryCommandInput,
    limit: number,
    cursor: string | undefined,
    keyNames: string[],
    partition: { name: string; value: string },
  ): Promise<Page<T>> {
    const collected: Record<string, AttributeValue>[] = [];
    let startKey = decodeCursor(cursor, { names: keyNames, partition });
    do {
      const result = await fromCursor(
        cursor,
        storeCall(
          this.client.send(
            new QueryCommand({ ...input, Limit: limit - collected.length, ExclusiveStartKey: startKey }),
          ),
        ),
      );
      collected.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
    } while (startKey && collected.length < limit && input.FilterExpression);
    const page = collected.slice(0, limit);
    const last = page.at(-1);
    const next =
      startKey && last
        ? Object.fromEntries(keyNames.map((name) => [name, last[name] ?? { S: '' }]))
        : undefined;
    return { items: page.map((item) => fromItem<T>(item)), nextCursor: encodeCursor(next) };
  }

  private transactItem(write: RecordWrite): TransactWriteItem {
    const TableName = this.tableName;
    switch (write.type) {
      case 'create':
        return {
          Put: {
            TableName,
            Item: this.recordItem(write.kind, write.record),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
      case 'update':
        return {
          Put: {
            TableName,
            Item: this.recordItem(write.kind, write.record),
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': { N: String(write.expectedVersion) } },
          },
        };
      case 'history':
        return {
          Put: {
            TableName,
            Item: toItem({
              ...write.entry,
              pk: `${write.kind}#${write.recordId}`,
              sk: `history#${String(write.entry.version).padStart(10, '0')}`,
              entity: 'history',
            }),
          },
        };
      case 'comment':
        return {
          Put: {
            TableName,
            Item: toItem({
              ...write.comment,
              pk: `${write.kind}#${write.recordId}`,
              sk: `comment#${write.comment.createdAt}#${write.comment.id}`,
              entity: 'comment',
            }),
          },
        };
      case 'exists': {
        const fields = Object.entries(write.equals ?? {});
        return {
          ConditionCheck: {
            TableName,
            Key: recordKey(write.kind, write.id),
            ConditionExpression: ['attribute_exists(pk)', ...fields.map((_, n) => `#e${n} = :e${n}`)].join(
              ' AND ',
            ),
            ...(fields.length > 0
              ? {
                  ExpressionAttributeNames: Object.fromEntries(fields.map(([name], n) => [`#e${n}`, name])),
                  ExpressionAttributeValues: Object.fromEntries(
                    fields.map(([, value], n) => [`:e${n}`, { S: value }]),
                  ),
                }
              : {}),
          },
        };
      }
      case 'item':
        return {
          Put: {
            TableName,
            Item: toItem({ ...write.item, ...write.key }),
            ...(write.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
          },
        };
      case 'remove':
        return { Delete: { TableName, Key: { pk: { S: write.key.pk }, sk: { S: write.key.sk } } } };
      case 'event':
      case 'notice':
        return { Put: { TableName, Item: outboxItem(write.event, this.nowSeconds()) } };
      case 'alarmTrack':
      case 'alarmEvent':
      case 'alarmGroup':
        return this.alarmItem(write);
      case 'idempotency': {
        const expiresAt = this.nowSeconds() + idempotencyTtlSeconds;
        return {
          Put: {
            TableName,
            Item: toItem({
              pk: `idempotency#${write.key}`,
              sk: 'idempotency',
              entity: 'idempotency',
              ...write.response,
              expiresAt,
              expiresAtSeconds: expiresAt,
            }),
            // An expired key that TTL has not removed yet may be taken again.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAtSeconds < :now',
            ExpressionAttributeValues: { ':now': { N: String(this.nowSeconds()) } },
          },
        };
      }
    }
  }

  /** An alarm guard item: only `DynamoAlarmRecordStore` writes them; an alarm wiring builds that one. */
  protected alarmItem(write: AlarmWrite): TransactWriteItem {
    throw new Error(`A ${write.type} write needs the alarm record store (DynamoAlarmRecordStore)`);
  }

  private recordItem(kind: RecordKind, record: object) {
    return toItem({
      ...record,
      ...indexAttributes(kind, record as Record<string, unknown>),
      pk: `${kind}#${(record as { id: string }).id}`,
      sk: 'record',
      entity: kind,
    });
  }
}

/** The key condition on the index's sort key for a range: `from` inclusive, `before` exclusive. */
const sortCondition = (
  index: string,
  range: ListQuery['sortRange'],
  names: Record<string, string>,
  values: NonNullable<QueryCommandInput['ExpressionAttributeValues']>,
): string => {
  if (!range || (range.from === undefined && range.before === undefined)) return '';
  names['#sk'] = `${index}sk`;
  if (range.from !== undefined) values[':from'] = { S: range.from };
  // Sort keys are `<value>#<id>`, so `< before` leaves out items whose value equals `before`.
  if (range.before !== undefined) values[':before'] = { S: range.before };
  if (range.from !== undefined && range.before !== undefined) return ' AND #sk BETWEEN :from AND :before';
  return range.from !== undefined ? ' AND #sk >= :from' : ' AND #sk < :before';
};

const conflictReason = (write: RecordWrite | undefined): WriteConflict['reason'] => {
  switch (write?.type) {
    case 'create':
    case 'item':
      return 'exists';
    case 'idempotency':
      return 'idempotency';
    case 'alarmEvent':
      return 'duplicate';
    case 'exists':
      return 'missing';
    default:
      return 'version';
  }
};
