import type { Change } from '#domain/change/change.ts';
import type { ChangeWindow } from '#domain/change/change-window.ts';
import type { PlannedChange, SchedulingContext } from '#domain/change/conflicts/conflict.ts';
import type { Actor } from '#domain/record/record.ts';

export { thrown } from '../problem/problem-fixtures.ts';

export const now = '2026-11-24T09:30:00.000Z';
export const requester: Actor = { sub: 'rita', roles: ['requester'] };
export const agent: Actor = { sub: 'alex', roles: ['agent'] };
export const manager: Actor = { sub: 'cami', roles: ['change_manager'] };
export const secondManager: Actor = { sub: 'carl', roles: ['change_manager'] };
export const admin: Actor = { sub: 'ada', roles: ['admin'] };

/** A vote from an actor. */
export const vote = (who: Actor, decision: 'approve' | 'reject' = 'approve') => ({
  approver: who.sub,
  roles: who.roles,
  decision,
});

/** A stored normal change in `new` on db-1, planned 1-3 December 02:00-04:00; override what matters. */
export const aChange = (overrides: Partial<Change> = {}): Change => ({
  id: 'chg-1',
  number: 'CHG0001001',
  version: 1,
  title: 'Patch the database',
  type: 'normal',
  state: 'new',
  ciIds: ['db-1'],
  plannedStart: '2026-12-01T02:00:00.000Z',
  plannedEnd: '2026-12-01T04:00:00.000Z',
  risk: 'low',
  riskReasons: [],
  approvals: [],
  conflicts: [],
  causedIncidentIds: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'alex',
  ...overrides,
});

export const aPlannedChange = (overrides: Partial<PlannedChange> = {}): PlannedChange => ({
  id: 'chg-2',
  state: 'scheduled',
  ciIds: ['db-1'],
  plannedStart: '2026-12-01T03:00:00.000Z',
  plannedEnd: '2026-12-01T05:00:00.000Z',
  ...overrides,
});

export const aWindow = (overrides: Partial<ChangeWindow> = {}): ChangeWindow => ({
  id: 'win-1',
  kind: 'blackout',
  start: '2026-12-01T00:00:00.000Z',
  end: '2026-12-02T00:00:00.000Z',
  reason: 'Month-end close',
  ...overrides,
});

export const noScheduling: SchedulingContext = { otherChanges: [], windows: [], relatedCis: {} };
