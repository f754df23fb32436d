import type { RecordKind } from '#domain/record/record.ts';
import type {
  ServiceLevelConfig,
  StoredCalendar,
  StoredPolicy,
} from '#domain/service-levels/service-level-config.ts';

/** A record whose SLA clock has a threshold due: what the due index holds. */
export interface DueRecord {
  kind: RecordKind;
  record: { id: string; version: number } & Record<string, unknown>;
}

/** What one read of the due index cost, for the sweep's report and the benchmark. */
export interface DueScan {
  records: DueRecord[];
  /** Index items DynamoDB read (ScannedCount summed over every page and shard). */
  itemsRead: number;
  queries: number;
}

/**
 * Service level storage: policies, calendars, the due-time index and the report listing.
 * Adapter: `#adapters/dynamo/dynamo-service-levels.ts`.
 */
export interface ServiceLevelStore {
  putCalendar(calendar: StoredCalendar): Promise<{ created: boolean }>;
  putPolicy(policy: StoredPolicy): Promise<{ created: boolean }>;
  /** Every policy and calendar, in one round trip (the adapter may cache it briefly). */
  config(options?: { fresh?: boolean }): Promise<ServiceLevelConfig>;
  /** Records with an SLA threshold due at or before `now`: a Query per index shard, never a scan. */
  dueRecords(now: Date): Promise<DueScan>;
  /** Records of a kind created in `[from, to)`, page by page from the kind's creation index. */
  recordsCreated(kind: RecordKind, from: Date, to: Date): AsyncIterable<Record<string, unknown>[]>;
}
