import { DomainError } from '#domain/errors.ts';
import type { Problem } from '#domain/problem/problem.ts';
import type { Actor } from '#domain/record/record.ts';

export const now = '2026-11-24T09:30:00.000Z';
export const requester: Actor = { sub: 'rita', roles: ['requester'] };
export const agent: Actor = { sub: 'alex', roles: ['agent'] };
export const admin: Actor = { sub: 'ada', roles: ['admin'] };

/** A stored problem in `new`; override what the test is about. */
export const aProblem = (overrides: Partial<Problem> = {}): Problem => ({
  id: 'prb-1',
  number: 'PRB0001001',
  version: 1,
  title: 'Mail queue stalls every night',
  state: 'new',
  incidentIds: [],
  knownError: false,
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'alex',
  ...overrides,
});

/** The DomainError an action throws; fails the test when it throws nothing or something else. */
export const thrown = (act: () => unknown): DomainError => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError, but nothing was thrown');
};
