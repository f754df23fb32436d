import type { RecordKind } from '#domain/record/record.ts';
import type {
  ServiceLevelConfig,
  StoredCalendar,
  StoredPolicy,
} from '#domain/service-levels/service-level-config.ts';
import type { OutboundEvent } from '#ports/record-store.ts';

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
 * What one sweep visit commits about a record, without a new version of it (README, Service level
 * management): the record's SLA fields refreshed in place, the thresholds it announces and their
 * events, all or nothing.
 */
export interface ClockSettlement {
  kind: RecordKind;
  /**
   * The record as read, with `slas`, `slaEmitted` and `slaNextCheckAt` refreshed; only those (and
   * the due-index entry) are written, and only while the stored record is still at `version`.
   */
  record: { id: string; version: number } & Record<string, unknown>;
  /** Thresholds (`<policyId>@<percent>`) this visit announces; each goes out once per record, ever. */
  announced: string[];
  /** The `SLA Warning` / `SLA Breached` events, one per announced threshold. */
  events: OutboundEvent[];
}

/**
 * What the processes that keep SLAs on records read: the policies and calendars.
 * Adapter: `DynamoServiceLevelConfig` in `#adapters/dynamo/dynamo-service-levels.ts`.
 */
export interface ServiceLevelConfigSource {
  /** Every policy and calendar, in one round trip (the adapter may cache it briefly). */
  config(options?: { fresh?: boolean }): Promise<ServiceLevelConfig>;
}

/**
 * Service level administration and reports: policies and calendars written, records listed for
 * the attainment report. Adapter: `DynamoServiceLevels` in `#adapters/dynamo/dynamo-service-levels.ts`.
 */
export interface ServiceLevelStore extends ServiceLevelConfigSource {
  putCalendar(calendar: StoredCalendar): Promise<{ created: boolean }>;
  putPolicy(policy: StoredPolicy): Promise<{ created: boolean }>;
  /** Records of a kind created in `[from, to)`, page by page from the kind's creation index. */
  recordsCreated(kind: RecordKind, from: Date, to: Date): AsyncIterable<Record<string, unknown>[]>;
}

/** The SLA sweep's clocks: what is due, and a visit's settlement. Only the sweep needs it. */
export interface SlaClockStore {
  /** Records with an SLA threshold due at or before `now`: a Query per index shard, never a scan. */
  dueRecords(now: Date): Promise<DueScan>;
  /**
   * Commits a sweep visit in one transaction. Throws `WriteConflict` `version` (write 0) when the
   * record has moved on since it was read, `exists` (write 1) when a threshold was announced
   * already, `WriteContention` when concurrent transactions kept cancelling it.
   */
  settleClock(settlement: ClockSettlement): Promise<void>;
  /** Every threshold ever announced for a record (a consistent read): what exactly-once rests on. */
  announcedThresholds(kind: RecordKind, id: string): Promise<string[]>;
}
