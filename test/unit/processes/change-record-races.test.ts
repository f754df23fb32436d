import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import {
  type RecordStore,
  type RecordWrite,
  StoreUnavailable,
  WriteConflict,
  WriteContention,
} from '#ports/record-store.ts';
import type { RecordDeps } from '#processes/dependencies.ts';
import { changeRecord } from '#processes/record-lifecycle.ts';

interface Item {
  id: string;
  number: string;
  version: number;
  title: string;
}

/** A store holding one record whose first `losses` commits fail with `failure`. */
const racingStore = (failure: () => Error, losses = 1) => {
  let stored: Item = { id: 'r', number: 'INC0001001', version: 3, title: 'old' };
  let commits = 0;
  const store = {
    get: async () => stored,
    commit: async (writes: RecordWrite[]) => {
      commits++;
      if (commits <= losses) throw failure();
      const update = writes[0];
      if (update?.type === 'update') stored = update.record as Item;
    },
  } as unknown as RecordStore;
  return { store, commits: () => commits };
};

const deps = (store: RecordStore): RecordDeps => ({
  store,
  clock: { now: () => new Date('2026-11-24T09:00:00.000Z') },
  ids: { next: () => 'event-id' },
});

/** Retitles the record, with `If-Match: 3` (the version it holds) unless `ifMatch` says otherwise. */
const retitle = (store: RecordStore, ifMatch: { version?: number } = { version: 3 }) =>
  changeRecord<Item>(deps(store), {
    kind: 'incident',
    id: 'r',
    actor: 'agent-1',
    ifMatch: ifMatch.version,
    notFoundMessage: 'No incident with that id',
    mutate: (current) => ({
      record: { ...current, title: 'new' },
      changes: [{ field: 'title', from: current.title, to: 'new' }],
      detailType: 'Incident Updated',
    }),
  });

const kindOf = async (change: Promise<unknown>) => {
  const failure = await change.catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(DomainError);
  return (failure as DomainError).kind;
};

describe('changeRecord with If-Match when a write of the unit loses a race', () => {
  it('retries when another write (an enricher’s) lost, and applies the change', async () => {
    // Prepare
    const racing = racingStore(() => new WriteConflict('version', 3));
    // Act
    const changed = await retitle(racing.store);
    // Assess
    expect(changed).toMatchObject({ title: 'new', version: 4 });
    expect(racing.commits()).toBe(2);
  });

  it('answers 412 when the record itself lost', async () => {
    const racing = racingStore(() => new WriteConflict('version', 0));
    expect(await kindOf(retitle(racing.store))).toBe('precondition_failed');
    expect(racing.commits()).toBe(1);
  });

  it('tries once more from fresh reads after contention, and applies the change', async () => {
    const racing = racingStore(() => new WriteContention(), 1);
    const changed = await retitle(racing.store);
    expect(changed).toMatchObject({ title: 'new', version: 4 });
    expect(racing.commits()).toBe(2);
  });
});

describe('changeRecord when the write budget runs out', () => {
  it('answers 409 "changing too fast", not 412, to a correct If-Match under endless contention', async () => {
    // Prepare: no pauses, so the whole budget runs in a few milliseconds
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const racing = racingStore(() => new WriteContention(), Number.POSITIVE_INFINITY);
    // Act
    const kind = await kindOf(retitle(racing.store));
    // Assess
    expect(kind).toBe('conflict');
    expect(racing.commits()).toBe(2);
    vi.restoreAllMocks();
  });

  it('answers 409 without If-Match when other writers keep winning', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const racing = racingStore(() => new WriteConflict('version', 0), Number.POSITIVE_INFINITY);
    expect(await kindOf(retitle(racing.store, {}))).toBe('conflict');
    vi.restoreAllMocks();
  });

  it('answers 503 at once when the store is unavailable', async () => {
    const racing = racingStore(() => new StoreUnavailable(new Error('throttled')), Number.POSITIVE_INFINITY);
    expect(await kindOf(retitle(racing.store))).toBe('unavailable');
    expect(racing.commits()).toBe(1);
  });
});
