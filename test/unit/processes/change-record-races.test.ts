import { describe, expect, it } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import { type RecordStore, type RecordWrite, WriteConflict } from '#ports/record-store.ts';
import type { ProcessDependencies } from '#processes/dependencies.ts';
import { changeRecord } from '#processes/record-lifecycle.ts';

interface Item {
  id: string;
  number: string;
  version: number;
  title: string;
}

/** A store holding one record whose first commit loses the write at `losingIndex`. */
const racingStore = (losingIndex: number) => {
  let stored: Item = { id: 'r', number: 'INC0001001', version: 3, title: 'old' };
  let commits = 0;
  const store = {
    get: async () => stored,
    commit: async (writes: RecordWrite[]) => {
      commits++;
      if (commits === 1) throw new WriteConflict('version', losingIndex);
      const update = writes[0];
      if (update?.type === 'update') stored = update.record as Item;
    },
  } as unknown as RecordStore;
  return { store, commits: () => commits };
};

const deps = (store: RecordStore): ProcessDependencies => ({
  store,
  clock: { now: () => new Date('2026-11-24T09:00:00.000Z') },
  ids: { next: () => 'event-id' },
});

const retitle = (store: RecordStore) =>
  changeRecord<Item>(deps(store), {
    kind: 'incident',
    id: 'r',
    actor: 'agent-1',
    ifMatch: 3,
    notFoundMessage: 'No incident with that id',
    mutate: (current) => ({
      record: { ...current, title: 'new' },
      changes: [{ field: 'title', from: current.title, to: 'new' }],
      detailType: 'Incident Updated',
    }),
  });

describe('changeRecord with If-Match when a write of the unit loses a race', () => {
  it('retries when another write (an enricher’s) lost, and applies the change', async () => {
    // Prepare
    const racing = racingStore(3);
    // Act
    const changed = await retitle(racing.store);
    // Assess
    expect(changed).toMatchObject({ title: 'new', version: 4 });
    expect(racing.commits()).toBe(2);
  });

  it('answers 412 when the record itself lost', async () => {
    const racing = racingStore(0);
    const failure = await retitle(racing.store).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DomainError);
    expect((failure as DomainError).kind).toBe('precondition_failed');
    expect(racing.commits()).toBe(1);
  });
});
