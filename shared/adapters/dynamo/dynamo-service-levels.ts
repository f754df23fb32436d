import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { RecordKind } from '#domain/record/record.ts';
import type {
  ServiceLevelConfig,
  StoredCalendar,
  StoredPolicy,
} from '#domain/service-levels/service-level-config.ts';
import type { ServiceLevelConfigSource, ServiceLevelStore } from '#ports/service-level-store.ts';
import { fromItem, toItem } from './item-codec.ts';
import { queryPages } from './query-pages.ts';
import { storeCall } from './store-failures.ts';

/** Policies and calendars share one partition: `config()` is a single Query. */
const configPartition = 'slaconfig';

// Per container, across handler modules: a PUT in this container is seen at once; other containers
// see it after at most `cacheSeconds` (documented in the README).
const cache = new Map<string, { expiresAtMs: number; config: ServiceLevelConfig }>();

/**
 * The policies and calendars on the single table, as the processes that keep SLAs read them:
 * items `slaconfig` / `calendar#<id>` and `policy#<id>`, one Query, cached per container. Apart
 * from `DynamoServiceLevels` so the bundles that keep SLAs carry no administration.
 *
 * @example const levels = new DynamoServiceLevelConfig(new DynamoDBClient({}), 'opsdesk', { cacheSeconds: 30 });
 */
export class DynamoServiceLevelConfig implements ServiceLevelConfigSource {
  constructor(
    protected readonly client: DynamoDBClient,
    protected readonly tableName: string,
    private readonly options: { cacheSeconds?: number; nowMs?: () => number } = {},
  ) {}

  async config(options: { fresh?: boolean } = {}): Promise<ServiceLevelConfig> {
    const nowMs = this.options.nowMs?.() ?? Date.now();
    const cached = cache.get(this.tableName);
    if (!options.fresh && cached && cached.expiresAtMs > nowMs) return cached.config;
    // No prototype: a calendar id like `__proto__` or `constructor` must name nothing but a calendar.
    const config: ServiceLevelConfig = { policies: [], calendars: Object.create(null) };
    for await (const page of queryPages(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: configPartition } },
      ConsistentRead: true,
    }))
      for (const item of page.Items ?? []) {
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
}

/**
 * ServiceLevelStore on the single table: the configuration, its writes, and the report's listing
 * (each kind's creation index, gsi1, sorted by `<createdAt>#<id>`). The sweep's due clocks are
 * `DynamoSlaClocks`.
 *
 * @example const levels = new DynamoServiceLevels(new DynamoDBClient({}), 'opsdesk', { cacheSeconds: 30 });
 */
export class DynamoServiceLevels extends DynamoServiceLevelConfig implements ServiceLevelStore {
  async putCalendar(calendar: StoredCalendar): Promise<{ created: boolean }> {
    return this.putConfigItem(`calendar#${calendar.id}`, 'sla-calendar', calendar);
  }

  async putPolicy(policy: StoredPolicy): Promise<{ created: boolean }> {
    return this.putConfigItem(`policy#${policy.id}`, 'sla-policy', policy);
  }

  async *recordsCreated(kind: RecordKind, from: Date, to: Date): AsyncIterable<Record<string, unknown>[]> {
    for await (const page of queryPages(this.client, {
      TableName: this.tableName,
      IndexName: 'gsi1',
      // gsi1sk is `<createdAt>#<id>`: `<to>#...` sorts after `<to>`, so `to` is exclusive.
      KeyConditionExpression: 'gsi1pk = :kind AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':kind': { S: kind },
        ':from': { S: from.toISOString() },
        ':to': { S: to.toISOString() },
      },
    }))
      yield (page.Items ?? []).map((item) => fromItem<Record<string, unknown>>(item));
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
