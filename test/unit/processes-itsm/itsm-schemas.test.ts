import { describe, expect, it } from 'vitest';
import { indexAttributes } from '#adapters/dynamo/index-plans.ts';
import { approvalBody, createChangeBody, listChangesQuery } from '#schemas/change.ts';
import { listProblemsQuery } from '#schemas/problem.ts';
import { createRequestBody } from '#schemas/request.ts';

const change = {
  title: 'Patch',
  type: 'normal',
  ciIds: ['ci-1'],
  plannedStart: '2027-01-01T22:00:00Z',
  plannedEnd: '2027-01-02T01:00:00Z',
};

describe('ITSM request schemas', () => {
  it('accepts a well-formed change and refuses an unknown type', () => {
    expect(createChangeBody.safeParse(change).success).toBe(true);
    expect(createChangeBody.safeParse({ ...change, type: 'urgent' }).success).toBe(false);
  });

  it('refuses a change without CIs and unknown fields', () => {
    expect(createChangeBody.safeParse({ ...change, ciIds: [] }).success).toBe(false);
    expect(createChangeBody.safeParse({ ...change, risk: 'low' }).success).toBe(false);
  });

  it('takes a calendar query with from before to, and refuses one backwards', () => {
    expect(listChangesQuery.safeParse({ from: change.plannedStart, to: change.plannedEnd }).success).toBe(
      true,
    );
    expect(listChangesQuery.safeParse({ from: change.plannedEnd, to: change.plannedStart }).success).toBe(
      false,
    );
  });

  it('knows only approve and reject as decisions', () => {
    expect(approvalBody.safeParse({ decision: 'approve' }).success).toBe(true);
    expect(approvalBody.safeParse({ decision: 'abstain' }).success).toBe(false);
  });

  it('reads knownError as true or false only', () => {
    expect(listProblemsQuery.safeParse({ knownError: 'true' }).success).toBe(true);
    expect(listProblemsQuery.safeParse({ knownError: 'yes' }).success).toBe(false);
  });

  it('refuses a request for zero items', () => {
    expect(createRequestBody.safeParse({ item: 'Laptop', quantity: 1 }).success).toBe(true);
    expect(createRequestBody.safeParse({ item: 'Laptop', quantity: 0 }).success).toBe(false);
  });
});

describe('ITSM index keys', () => {
  it('sorts every change index by planned start, so the calendar is a key range', () => {
    const keys = indexAttributes('change', {
      id: 'c1',
      state: 'scheduled',
      type: 'normal',
      plannedStart: '2027-01-01T22:00:00.000Z',
    });
    expect(keys).toMatchObject({
      gsi1pk: 'change',
      gsi1sk: '2027-01-01T22:00:00.000Z#c1',
      gsi2pk: 'change#state#scheduled',
      gsi2sk: '2027-01-01T22:00:00.000Z#c1',
    });
  });

  it('sorts change windows by end, so overlap reads skip windows already over', () => {
    const keys = indexAttributes('change_window', {
      id: 'w1',
      kind: 'blackout',
      end: '2027-01-02T00:00:00.000Z',
    });
    expect(keys).toMatchObject({
      gsi1pk: 'change_window',
      gsi1sk: '2027-01-02T00:00:00.000Z#w1',
      gsi2pk: 'change_window#kind#blackout',
    });
  });

  it('files problems by known-error flag for the KEDB', () => {
    const keys = indexAttributes('problem', {
      id: 'p1',
      knownError: true,
      createdAt: '2027-01-01T00:00:00.000Z',
    });
    expect(keys.gsi7pk).toBe('problem#knownError#true');
  });
});
