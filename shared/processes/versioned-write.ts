import { conflict, preconditionFailed, unavailable } from '#domain/errors.ts';
import type { FieldChange, RecordKind } from '#domain/record/record.ts';
import {
  type OutboundEvent,
  type RecordWrite,
  StoreUnavailable,
  WriteConflict,
  WriteContention,
} from '#ports/record-store.ts';
import { type WriteRetry, writeRetry } from '#ports/write-retry.ts';
import type { RecordDeps } from './dependencies.ts';
import type { FollowUp } from './record-enrichment.ts';

/** What a versioned record carries; `version` 1 is its creation. */
export interface Versioned {
  id: string;
  number?: string;
  version: number;
}

/** One record's next version, with what history and the outbox say about it. */
export interface RecordRevision<T extends Versioned = Versioned> {
  kind: RecordKind;
  /** The new version: `version` 1 creates the record, any other replaces `version - 1` only. */
  record: T;
  actor: string;
  changes: FieldChange[];
  /** The record event's detail type (README, Events); leave it out when `events` say it all. */
  detailType?: string;
  /** Further events committed with the version (an SLA threshold reached). */
  events?: OutboundEvent[];
  /** When it happened; the clock's now by default. */
  at?: string;
}

/** A unit of work: record versions, and what commits with them, all or nothing. */
export interface VersionedUnit<R> {
  /** The first is the record the caller asked to change (write 0 of the unit). */
  revisions: RecordRevision[];
  /** More writes in the same transaction: linked records' revisions, guards, an idempotency response. */
  writes?: RecordWrite[];
  /** Work to run once the unit has committed. */
  followUps?: FollowUp[];
  result: R;
}

/** One try: fresh reads, then the unit to commit, or `{ done }` when there is nothing to write. */
export type VersionedAttempt<R> = (attempt: number) => Promise<VersionedUnit<R> | { done: R }>;

/** The current time as stored timestamps write it. */
export const now = (deps: Pick<RecordDeps, 'clock'>): string => deps.clock.now().toISOString();

const recordEvent = (
  deps: Pick<RecordDeps, 'ids'>,
  kind: RecordKind,
  detailType: string,
  record: Versioned,
  changes: FieldChange[],
): OutboundEvent => ({
  id: deps.ids.next(),
  detailType,
  detail: { id: record.id, number: record.number, type: kind, version: record.version, changes, record },
});

/**
 * The writes of one record version: the record (created, or replaced only if still at the
 * version before), its history entry and its outbox events. The only place they are assembled;
 * a linked record's version inside another unit (an incident a problem resolves) uses it too.
 * @example unit.writes.push(...revisionWrites(deps, { kind: 'incident', record: next, actor, changes, detailType: 'Incident Updated' }));
 */
export const revisionWrites = (
  deps: Pick<RecordDeps, 'ids' | 'clock'>,
  revision: RecordRevision,
): RecordWrite[] => {
  const { kind, record, actor, changes } = revision;
  const events = [
    ...(revision.detailType ? [recordEvent(deps, kind, revision.detailType, record, changes)] : []),
    ...(revision.events ?? []),
  ];
  return [
    record.version === 1
      ? { type: 'create', kind, record }
      : { type: 'update', kind, record, expectedVersion: record.version - 1 },
    {
      type: 'history',
      kind,
      recordId: record.id,
      entry: { version: record.version, at: revision.at ?? now(deps), actor, changes },
    },
    ...events.map((event): RecordWrite => ({ type: 'event', event })),
  ];
};

const isLostRace = (error: unknown): boolean =>
  error instanceof WriteContention || (error instanceof WriteConflict && error.reason === 'version');

/**
 * The one versioned write: builds a unit from fresh reads, commits it in one transaction, runs
 * its follow-ups. A lost race (another writer moved a record of the unit, or concurrent
 * transactions kept cancelling it) is tried again from fresh reads under the one `writeRetry`
 * budget, so no update is lost; contention, which the store has already retried on that budget,
 * gets one fresh try more. With `ifMatch` (the version the caller pinned), its record losing is 412
 * at once; anything else retries and the attempt's own re-read decides, so a correct If-Match
 * never gets a false 412. Budget spent: 409 "changing too fast". A failing store: 503.
 * Other conflicts (a taken key, an idempotency key, a missing record) reach the caller as they are.
 * @example
 * const next = await writeVersioned(deps, { what: 'incident', attempt: async () => ({
 *   revisions: [{ kind: 'incident', record: { ...incident, version: incident.version + 1 }, actor, changes, detailType: 'Incident Updated' }],
 *   result: incident,
 * }) });
 */
export const writeVersioned = async <R>(
  deps: RecordDeps,
  options: {
    /** The record kind, for messages. */
    what: string;
    ifMatch?: number;
    attempt: VersionedAttempt<R>;
    /** `writeRetry` unless a test runs the budget out without waiting. */
    retry?: WriteRetry;
  },
): Promise<R> => {
  const retry = options.retry ?? writeRetry;
  let contended = false;
  for (let attempt = 1; ; attempt++) {
    try {
      const unit = await options.attempt(attempt);
      if ('done' in unit) return unit.done;
      await deps.store.commit([
        ...unit.revisions.flatMap((revision) => revisionWrites(deps, revision)),
        ...(unit.writes ?? []),
      ]);
      for (const followUp of unit.followUps ?? []) await followUp.run();
      return unit.result;
    } catch (error) {
      if (error instanceof StoreUnavailable)
        throw unavailable(`The ${options.what} could not be written now; try again shortly`);
      if (!isLostRace(error)) throw error;
      if (options.ifMatch !== undefined && error instanceof WriteConflict && error.writeIndex === 0)
        throw preconditionFailed(`The ${options.what} changed since version ${options.ifMatch}`);
      // Contention means the store has spent the budget already: one more fresh read only tells
      // a stale If-Match (412) from "changing too fast" (409), so a request stays within seconds.
      const spent = attempt >= retry.attempts || (contended && error instanceof WriteContention);
      if (spent) throw conflict(`The ${options.what} is changing too fast; try again`);
      contended ||= error instanceof WriteContention;
      await retry.pause(attempt);
    }
  }
};
