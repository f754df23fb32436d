import type { AlarmGroup } from '#domain/incident/alarm-grouping.ts';
import type { AlarmTrack } from '#domain/incident/alarm-track.ts';
import type { FieldChange, RecordKind } from '#domain/record/record.ts';

export interface HistoryEntry {
  version: number;
  at: string;
  actor: string;
  changes: FieldChange[];
}

export interface Comment {
  id: string;
  body: string;
  visibility: 'public' | 'work_note';
  author: string;
  createdAt: string;
}

/** What a record's event says (README, Events): the record at the version the change made. */
export interface RecordEventDetail {
  id: string;
  number?: string;
  type: string;
  version: number;
  changes?: FieldChange[];
  record: unknown;
}

/** Why an inbound event was refused, for the automation that sent it (README, Events). */
export interface InboundRefusalDetail {
  source: string;
  detailType: string;
  eventId: string;
  errors: Array<{ path: string; message: string }>;
}

/** An event for the platform bus, written to the outbox in the same transaction as the change. */
export interface OutboundEvent<Detail = RecordEventDetail> {
  id: string;
  detailType: string;
  detail: Detail;
}

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** The table key of a plain item, built by the adapter that owns its layout. */
export interface ItemKey {
  pk: string;
  sk: string;
}

/** One write of a unit of work; a unit commits all or nothing. */
export type RecordWrite =
  | { type: 'create'; kind: RecordKind; record: { id: string; version: number } & object }
  | {
      type: 'update';
      kind: RecordKind;
      record: { id: string; version: number } & object;
      expectedVersion: number;
    }
  | { type: 'history'; kind: RecordKind; recordId: string; entry: HistoryEntry }
  | { type: 'comment'; kind: RecordKind; recordId: string; comment: Comment }
  /** The record exists (and, with `equals`, has these field values), else `missing`. */
  | { type: 'exists'; kind: RecordKind; id: string; equals?: Record<string, string> }
  /** A plain item beside the records (a uniqueness guard, a CMDB edge); `ifAbsent` fails as `exists`. */
  | { type: 'item'; key: ItemKey; item: Record<string, unknown>; ifAbsent?: boolean }
  | { type: 'remove'; key: ItemKey }
  | { type: 'event'; event: OutboundEvent }
  /** An event about no record (an inbound event refused), through the same outbox. */
  | { type: 'notice'; event: OutboundEvent<InboundRefusalDetail> }
  | { type: 'idempotency'; key: string; response: StoredResponse }
  /**
   * An alarm key's track (its guard item), written only over `track.revision - 1` (over nothing
   * for revision 1): a writer that read an older track loses as `version`, and tries again.
   */
  | { type: 'alarmTrack'; track: AlarmTrack }
  /** One alarm event applied, by key and event id; a second write of it fails as `duplicate`. Expires. */
  | { type: 'alarmEvent'; key: string; eventId: string }
  /**
   * A service's alarm group, taken over from the incident `replaces` names (only if there is none,
   * without it); a writer that read another group loses as `version`, and tries again.
   */
  | { type: 'alarmGroup'; group: AlarmGroup; replaces?: string };

/** The writes of alarm deduplication's guard items: only an `AlarmRecordStore` commits them. */
export type AlarmWrite = Extract<RecordWrite, { type: 'alarmTrack' | 'alarmEvent' | 'alarmGroup' }>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ListQuery {
  /** Equality filters by field name; the store serves the most selective from an index. */
  filters: Record<string, string | number | boolean | undefined>;
  limit: number;
  cursor?: string;
  /**
   * Bounds on the index's sort key (`createdAt`, or what the kind's plan sorts by, e.g. a change's
   * `plannedStart`): `from` inclusive, `before` exclusive. Served by the Query's key condition.
   */
  sortRange?: { from?: string; before?: string };
  /** Oldest first (sort key ascending); lists default to newest first. */
  ascending?: boolean;
}

/** Thrown by `commit` when a conditional write lost: a stale version, a taken key. */
export class WriteConflict extends Error {
  readonly reason: 'version' | 'exists' | 'idempotency' | 'missing' | 'duplicate';
  /** Which write of the unit lost (its index), when the store knows. */
  readonly writeIndex: number | undefined;
  constructor(reason: WriteConflict['reason'], writeIndex?: number) {
    super(`Write conflict: ${reason}`);
    this.name = 'WriteConflict';
    this.reason = reason;
    this.writeIndex = writeIndex;
  }
}

/**
 * Thrown by `commit` when the unit kept colliding with concurrent transactions on the same items
 * after the store's own retries: no condition failed, so the caller's versions may still hold.
 * Not a stale version: a caller answers "changing too fast, try again" (409), never 412.
 */
export class WriteContention extends Error {
  constructor() {
    super('Write contention: concurrent transactions on the same items');
    this.name = 'WriteContention';
  }
}

/**
 * Thrown by any store call when the store is throttled, failing or unreachable (after the SDK's
 * own retries). Nothing is known about the data: a caller answers "try again later" (503).
 */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super('The record store is not available', { cause });
    this.name = 'StoreUnavailable';
  }
}

/** Thrown for a cursor the store did not issue. */
export class InvalidCursor extends Error {
  constructor() {
    super('The cursor is not valid for this list');
    this.name = 'InvalidCursor';
  }
}

/**
 * The ITSM record store. Adapters: `#adapters/dynamo/dynamo-record-store.ts`.
 * Every method is one round trip unless it says otherwise.
 */
export interface RecordStore {
  /** The next sequence number of a kind (atomic counter). */
  nextSequence(kind: RecordKind): Promise<number>;
  get<T>(kind: RecordKind, id: string): Promise<T | undefined>;
  /** Reads many records of one kind in one batch (missing ids are left out). */
  getMany<T>(kind: RecordKind, ids: string[]): Promise<T[]>;
  list<T>(kind: RecordKind, query: ListQuery): Promise<Page<T>>;
  history(kind: RecordKind, id: string, limit: number, cursor?: string): Promise<Page<HistoryEntry>>;
  comments(
    kind: RecordKind,
    id: string,
    options: { limit: number; cursor?: string; publicOnly: boolean },
  ): Promise<Page<Comment>>;
  storedResponse(key: string): Promise<StoredResponse | undefined>;
  /**
   * Writes all or nothing. Throws `WriteConflict` (naming the write) when a condition fails,
   * `WriteContention` when concurrent transactions kept cancelling it, `StoreUnavailable` when the
   * store is throttled or down. Alarm writes (`alarmTrack`, `alarmEvent`, `alarmGroup`) need an
   * `AlarmRecordStore`; a plain record store refuses them.
   */
  commit(writes: RecordWrite[]): Promise<void>;
}

/**
 * The record store with alarm deduplication's guard items (README, Alarms to incidents): what
 * alarm intake and the ingest's alarm path need, and no HTTP API. Apart from `RecordStore` so a
 * function that never handles an alarm does not carry them.
 * Adapter: `#adapters/dynamo/dynamo-alarm-record-store.ts`.
 */
export interface AlarmRecordStore extends RecordStore {
  /**
   * An alarm key's track (undefined before its first write) and which of these event ids were
   * applied already: one strongly consistent read of all (up to 99 ids).
   */
  alarmTrack(key: string, eventIds: string[]): Promise<{ track: AlarmTrack | undefined; seen: string[] }>;
  /** The alarm groups of these services (one strongly consistent batch read; absent ones left out). */
  alarmGroups(serviceIds: string[]): Promise<AlarmGroup[]>;
}
