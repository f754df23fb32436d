import { conflict, notFound, preconditionFailed } from '#domain/errors.ts';
import type { FieldChange, RecordKind } from '#domain/record/record.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import { WriteConflict } from '#ports/record-store.ts';
import type { IdempotencyRequest, Outcome, RecordDeps } from './dependencies.ts';
import { enrichRecord, type FollowUp, type RecordEnricher } from './record-enrichment.ts';
import { now, type Versioned, writeVersioned } from './versioned-write.ts';

export { now };

/**
 * Replays an earlier response for the same key and body; the same key with another body is 409.
 * @example const earlier = await replayed<Incident>(deps, idempotency); if (earlier) return earlier;
 */
export const replayed = async <T>(
  deps: Pick<RecordDeps, 'store'>,
  idempotency: IdempotencyRequest,
): Promise<Outcome<T> | undefined> => {
  const stored = await deps.store.storedResponse(idempotency.key);
  if (!stored) return undefined;
  if (stored.fingerprint !== idempotency.fingerprint)
    throw conflict('This Idempotency-Key was used with another request body');
  return { status: stored.status, body: stored.body as T, replayed: true };
};

/**
 * The writes that keep an idempotency key's promise: this response for this request (none
 * without a key). The store refuses a second holder of the key, which then replays.
 * @example await deps.store.commit([...writes, ...idempotencyWrites(idempotency, body)]);
 */
export const idempotencyWrites = (
  idempotency: IdempotencyRequest | undefined,
  body: unknown,
): RecordWrite[] =>
  idempotency
    ? [
        {
          type: 'idempotency',
          key: idempotency.key,
          response: { fingerprint: idempotency.fingerprint, status: 201, body },
        },
      ]
    : [];

/**
 * Creates a record with its first history entry and its event in one versioned write, honouring
 * an idempotency key: two DynamoDB calls (sequence + transaction), three with a key. The number
 * is taken after the enrichers accepted the record, so a refused create takes none. Only an
 * enricher's write (another record it updates) can lose a race; the enrichers then derive again.
 * @example await createRecord(deps, { kind: 'incident', actor: 'alice', build, trackedFields, detailType: 'Incident Created' });
 */
export const createRecord = async <
  T extends Versioned & { number: string },
  D extends RecordDeps = RecordDeps,
>(
  deps: D,
  options: {
    kind: RecordKind;
    actor: string;
    idempotency?: IdempotencyRequest;
    build: (sequence: number, id: string) => T;
    trackedFields: readonly string[];
    detailType: string;
    extraWrites?: (record: T) => RecordWrite[];
    /** Derive fields (SLAs, impacted services) in the same transaction. */
    enrichers?: readonly RecordEnricher<T, D>[];
  },
): Promise<Outcome<T>> => {
  const { idempotency } = options;
  if (idempotency) {
    const earlier = await replayed<T>(deps, idempotency);
    if (earlier) return earlier;
  }
  // The number is taken only once the enrichers accept the record, so a refused create (an
  // unknown CI, say) leaves the counter as it was; a retry keeps the number it took.
  const id = deps.ids.next();
  const provisional = options.build(0, id);
  let number: string | undefined;
  try {
    return await writeVersioned(deps, {
      what: options.kind,
      attempt: async () => {
        const enriched = await enrichRecord(options.enrichers ?? [], deps, {
          before: undefined,
          after: provisional,
          actor: options.actor,
          now: now(deps),
        });
        number ??= options.build(await deps.store.nextSequence(options.kind), id).number;
        const { extraWrites, followUps } = enriched;
        const record: T = { ...enriched.record, number };
        const changes = options.trackedFields.flatMap((field) => {
          const value = (record as Record<string, unknown>)[field];
          return value === undefined ? [] : [{ field, from: null, to: value }];
        });
        return {
          revisions: [
            { kind: options.kind, record, actor: options.actor, changes, detailType: options.detailType },
          ],
          writes: [
            ...extraWrites,
            ...(options.extraWrites?.(record) ?? []),
            ...idempotencyWrites(idempotency, record),
          ],
          followUps,
          result: { status: 201, body: record },
        };
      },
    });
  } catch (error) {
    const earlier =
      error instanceof WriteConflict && error.reason === 'idempotency' && idempotency
        ? await replayed<T>(deps, idempotency)
        : undefined;
    if (earlier) return earlier;
    throw error;
  }
};

export interface RecordMutation<T> {
  record: T;
  changes: FieldChange[];
  detailType: string;
  /** More writes that must commit with this change (children, links). */
  extraWrites?: RecordWrite[];
  /** Work the linked writes defer past the commit. */
  followUps?: FollowUp[];
}

/**
 * Reads, mutates and writes a record with optimistic concurrency, as one versioned write. With
 * `ifMatch` a stale version is 412; without it a lost race is retried on the fresh version, so
 * no update is ever lost. A mutation with no field change writes nothing.
 * @example await changeRecord(deps, { kind: 'incident', id, actor: 'alice', ifMatch: 3, notFoundMessage, mutate });
 */
export const changeRecord = <T extends Versioned, D extends RecordDeps = RecordDeps>(
  deps: D,
  options: {
    kind: RecordKind;
    id: string;
    actor: string;
    ifMatch?: number;
    notFoundMessage: string;
    authorize?: (current: T) => void;
    mutate: (current: T) => RecordMutation<T> | Promise<RecordMutation<T>>;
    enrichers?: readonly RecordEnricher<T, D>[];
  },
): Promise<T> =>
  writeVersioned<T>(deps, {
    what: options.kind,
    ifMatch: options.ifMatch,
    attempt: async () => {
      const current = await deps.store.get<T>(options.kind, options.id);
      if (!current) throw notFound(options.notFoundMessage);
      options.authorize?.(current);
      if (options.ifMatch !== undefined && current.version !== options.ifMatch)
        throw preconditionFailed(
          `The ${options.kind} is at version ${current.version}, not ${options.ifMatch}`,
        );
      const mutation = await options.mutate(current);
      if (mutation.changes.length === 0) return { done: current };
      const enriched = await enrichRecord(options.enrichers ?? [], deps, {
        before: current,
        after: { ...mutation.record, version: current.version + 1 },
        actor: options.actor,
        now: now(deps),
      });
      return {
        revisions: [
          {
            kind: options.kind,
            record: enriched.record,
            actor: options.actor,
            changes: mutation.changes,
            detailType: mutation.detailType,
          },
        ],
        writes: [...(mutation.extraWrites ?? []), ...enriched.extraWrites],
        followUps: [...enriched.followUps, ...(mutation.followUps ?? [])],
        result: enriched.record,
      };
    },
  });
