import { describe, expect, it } from 'vitest';
import type { RecordStore, RecordWrite } from '#ports/record-store.ts';
import type { FailureReporting, RecordDeps } from '#processes/dependencies.ts';
import { afterCommit } from '#processes/record-enrichment.ts';
import { createRecord } from '#processes/record-lifecycle.ts';

/** Only what createRecord touches; every other call would be a defect of this test. */
const fakeStore = (committed: RecordWrite[][]): RecordStore =>
  ({
    nextSequence: async () => 1001,
    storedResponse: async () => undefined,
    commit: async (writes: RecordWrite[]) => {
      committed.push(writes);
    },
  }) as unknown as RecordStore;

describe('follow-ups after a commit', () => {
  it('a failing follow-up is reported, and the committed record still stands', async () => {
    // Prepare
    const committed: RecordWrite[][] = [];
    const reported: string[] = [];
    let n = 0;
    const deps: RecordDeps & FailureReporting = {
      store: fakeStore(committed),
      clock: { now: () => new Date('2026-11-24T09:00:00.000Z') },
      ids: { next: () => `id-${++n}` },
      reportFailure: (what, error) => reported.push(`${what}: ${(error as Error).message}`),
    };
    // Act
    const outcome = await createRecord(deps, {
      kind: 'incident',
      actor: 'agent-1',
      trackedFields: ['title'],
      detailType: 'Incident Created',
      build: (sequence, id) => ({ id, number: `INC000${sequence}`, version: 1, title: 'Disk full' }),
      enrichers: [
        async (enricherDeps, change) => ({
          record: change.after,
          extraWrites: [],
          followUps: [
            afterCommit(enricherDeps, async () => {
              throw new Error('CI health write lost');
            }),
          ],
        }),
      ],
    });
    // Assess
    expect(outcome.status).toBe(201);
    expect(committed).toHaveLength(1);
    expect(committed[0]?.map((write) => write.type)).toEqual(['create', 'history', 'event']);
    expect(reported).toEqual(['follow-up after commit failed: CI health write lost']);
  });
});
