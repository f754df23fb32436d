import { conflict, notFound, preconditionFailed } from '#domain/errors.ts';
import type { FieldChange } from '#domain/record/record.ts';
import type { OutboundEvent, RecordKind, RecordWrite } from '#ports/record-store.ts';
import { WriteConflict } from '#ports/record-store.ts';
import type { IdempotencyRequest, Outcome, ProcessDependencies } from './dependencies.ts';
import { enrichRecord, type RecordEnricher } from './record-enrichment.ts';

interface Versioned {
  id: string;
  number: string;
  version: number;
}

/** Lost races retried before giving up with 409; enough for dozens of concurrent writers. */
const maxAttempts = 40;

/** Full jitter, growing to at most 200 ms, so racing writers spread out instead of colliding again. */
const backoff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));

/** The event a record change publishes (API.md section 8). */
export const recordEvent = (
  deps: ProcessDependencies,
  kind: RecordKind,
  detailType: string,
  record: Versioned,
  changes?: FieldChange[],
): RecordWrite => {
  const event: OutboundEvent = {
    id: deps.ids.next(),
    detailType,
    detail: { id: record.id, number: record.number, type: kind, version: record.version, changes, record },
  };
  return { type: 'event', event };
};

/**
 * Replays an earlier response for the same key and body; the same key with another body is 409.
 */
export const replayed = async <T>(
  deps: ProcessDependencies,
  idempotency: IdempotencyRequest,
): Promise<Outcome<T> | undefined> => {
  const stored = await deps.store.storedResponse(idempotency.key);
  if (!stored) return undefined;
  if (stored.fingerprint !== idempotency.fingerprint)
    throw conflict('This Idempotency-Key was used with another request body');
  return { status: stored.status, body: stored.body as T, replayed: true };
};

/**
 * Creates a record with its first history entry and its event in one transaction, honouring an
 * idempotency key: two DynamoDB calls (sequence + transaction), three with a key.
 */
export const createRecord = async <T extends Versioned>(
  deps: ProcessDependencies,
  options: {
    kind: RecordKind;
    actor: string;
    idempotency?: IdempotencyRequest;
    build: (sequence: number, id: string) => T;
    trackedFields: readonly string[];
    detailType: string;
    extraWrites?: (record: T) => RecordWrite[];
    /** Derive fields (SLAs, impacted services) in the same transaction. */
    enrichers?: readonly RecordEnricher<T>[];
  },
): Promise<Outcome<T>> => {
  if (options.idempotency) {
    const earlier = await replayed<T>(deps, options.idempotency);
    if (earlier) return earlier;
  }
  const built = options.build(await deps.store.nextSequence(options.kind), deps.ids.next());
  for (let attempt = 1; ; attempt++) {
    try {
      return await commitCreation(deps, options, built);
    } catch (error) {
      if (error instanceof WriteConflict && error.reason === 'idempotency' && options.idempotency) {
        const earlier = await replayed<T>(deps, options.idempotency);
        if (earlier) return earlier;
      }
      // Only an enricher's write (another record it updates) can lose a version race: derive again.
      if (!(error instanceof WriteConflict) || error.reason !== 'version') throw error;
      if (attempt >= maxAttempts) throw conflict(`The ${options.kind} could not be created; try again`);
      await backoff(attempt);
    }
  }
};

const commitCreation = async <T extends Versioned>(
  deps: ProcessDependencies,
  options: Parameters<typeof createRecord<T>>[1],
  built: T,
): Promise<Outcome<T>> => {
  const {
    record,
    extraWrites: enrichedWrites,
    followUps,
  } = await enrichRecord(options.enrichers ?? [], deps, {
    before: undefined,
    after: built,
    actor: options.actor,
    now: now(deps),
  });
  const changes = options.trackedFields.flatMap((field) => {
    const value = (record as Record<string, unknown>)[field];
    return value === undefined ? [] : [{ field, from: null, to: value }];
  });
  const writes: RecordWrite[] = [
    { type: 'create', kind: options.kind, record },
    {
      type: 'history',
      kind: options.kind,
      recordId: record.id,
      entry: { version: 1, at: now(deps), actor: options.actor, changes },
    },
    recordEvent(deps, options.kind, options.detailType, record, changes),
    ...enrichedWrites,
    ...(options.extraWrites?.(record) ?? []),
  ];
  if (options.idempotency)
    writes.push({
      type: 'idempotency',
      key: options.idempotency.key,
      response: { fingerprint: options.idempotency.fingerprint, status: 201, body: record },
    });
  await deps.store.commit(writes);
  await runFollowUps(deps, followUps);
  return { status: 201, body: record };
};

/**
 * Work an enricher defers until the change has committed (e.g. CI health beyond one transaction).
 * The change stands either way, so a failure is reported, not thrown; the next change redoes it.
 */
const runFollowUps = async (
  deps: ProcessDependencies,
  followUps: ReadonlyArray<() => Promise<void>> | undefined,
) => {
  for (const followUp of followUps ?? [])
    await followUp().catch((error: unknown) => deps.reportFailure?.('follow-up after commit failed', error));
};

export interface RecordMutation<T> {
  record: T;
  changes: FieldChange[];
  detailType: string;
  /** More writes that must commit with this change (children, links). */
  extraWrites?: RecordWrite[];
}

/**
 * Reads, mutates and writes a record with optimistic concurrency. With `ifMatch` a stale version
 * is 412; without it, a lost race is retried on the fresh version, so no update is ever lost.
 * A mutation with no field change writes nothing.
 */
export const changeRecord = async <T extends Versioned>(
  deps: ProcessDependencies,
  options: {
    kind: RecordKind;
    id: string;
    actor: string;
    ifMatch?: number;
    notFoundMessage: string;
    authorize?: (current: T) => void;
    mutate: (current: T) => RecordMutation<T> | Promise<RecordMutation<T>>;
    enrichers?: readonly RecordEnricher<T>[];
  },
): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.store.get<T>(options.kind, options.id);
    if (!current) throw notFound(options.notFoundMessage);
    options.authorize?.(current);
    if (options.ifMatch !== undefined && current.version !== options.ifMatch)
      throw preconditionFailed(
        `The ${options.kind} is at version ${current.version}, not ${options.ifMatch}`,
      );
    const mutation = await options.mutate(current);
    if (mutation.changes.length === 0) return current;
    const enriched = await enrichRecord(options.enrichers ?? [], deps, {
      before: current,
      after: { ...mutation.record, version: current.version + 1 },
      actor: options.actor,
      now: now(deps),
    });
    const next = enriched.record;
    try {
      await deps.store.commit([
        { type: 'update', kind: options.kind, record: next, expectedVersion: current.version },
        {
          type: 'history',
          kind: options.kind,
          recordId: next.id,
          entry: { version: next.version, at: now(deps), actor: options.actor, changes: mutation.changes },
        },
        recordEvent(deps, options.kind, mutation.detailType, next, mutation.changes),
        ...(mutation.extraWrites ?? []),
        ...enriched.extraWrites,
      ]);
      await runFollowUps(deps, enriched.followUps);
      return next;
    } catch (error) {
      if (!(error instanceof WriteConflict) || error.reason !== 'version') throw error;
      // The record itself is write 0. Another write losing (a CI whose health an enricher moves)
      // is not the caller's stale version: read again and re-derive, If-Match still applies.
      const recordLost = error.writeIndex === undefined || error.writeIndex === 0;
      if (options.ifMatch !== undefined && recordLost)
        throw preconditionFailed(`The ${options.kind} changed since version ${options.ifMatch}`);
      if (attempt >= maxAttempts) throw conflict(`The ${options.kind} is changing too fast; try again`);
      await backoff(attempt);
    }
  }
};

export const now = (deps: ProcessDependencies): string => deps.clock.now().toISOString();
