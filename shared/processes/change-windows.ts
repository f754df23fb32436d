import {
  type ChangeWindow,
  type StoredChangeWindow,
  validateChangeWindow,
} from '#domain/change/change-window.ts';
import type { Actor } from '#domain/record/record.ts';
import { type Page, WriteConflict } from '#ports/record-store.ts';
import { utc } from './change-scheduling.ts';
import type { IdempotencyRequest, Outcome, RecordDeps } from './dependencies.ts';
import { idempotencyWrites, now, replayed } from './record-lifecycle.ts';

/**
 * Declares a blackout or maintenance window (`POST /change-windows`, change_manager). Stored as
 * its own item, indexed by end so every overlap query reads only windows not yet over.
 * @example await declareChangeWindow(deps, manager, { kind: 'blackout', start, end, reason: 'Year end' })
 */
export const declareChangeWindow = async (
  deps: RecordDeps,
  actor: Actor,
  input: Record<string, unknown>,
  idempotency?: IdempotencyRequest,
): Promise<Outcome<StoredChangeWindow>> => {
  const valid = validateChangeWindow(input);
  if (idempotency) {
    const earlier = await replayed<StoredChangeWindow>(deps, idempotency);
    if (earlier) return earlier;
  }
  const window: StoredChangeWindow = {
    ...valid,
    id: deps.ids.next(),
    start: utc(valid.start),
    end: utc(valid.end),
    createdAt: now(deps),
    createdBy: actor.sub,
    version: 1,
  };
  try {
    await deps.store.commit([
      { type: 'create', kind: 'change_window', record: window },
      ...idempotencyWrites(idempotency, window),
    ]);
  } catch (error) {
    const earlier =
      error instanceof WriteConflict && error.reason === 'idempotency' && idempotency
        ? await replayed<StoredChangeWindow>(deps, idempotency)
        : undefined;
    if (earlier) return earlier;
    throw error;
  }
  return { status: 201, body: window };
};

/**
 * Windows overlapping [from, to), soonest ending first (`GET /change-windows`). Without `from`,
 * windows not over yet; without `to`, no upper bound.
 * @example await listChangeWindows(deps, { from, to, kind: 'blackout' })
 */
export const listChangeWindows = async (
  deps: RecordDeps,
  query: { from?: string; to?: string; kind?: ChangeWindow['kind']; limit?: number; cursor?: string },
): Promise<Page<StoredChangeWindow>> => {
  const from = query.from ? utc(query.from) : now(deps);
  const to = query.to ? utc(query.to) : undefined;
  if (to !== undefined && to <= from) return { items: [], nextCursor: null };
  const page = await deps.store.list<StoredChangeWindow>('change_window', {
    filters: { kind: query.kind },
    sortRange: { from },
    ascending: true,
    limit: query.limit ?? 50,
    cursor: query.cursor,
  });
  return {
    items: page.items.filter((window) => window.end > from && (to === undefined || window.start < to)),
    nextCursor: page.nextCursor,
  };
};
