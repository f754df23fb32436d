import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requiredApprovals } from '#domain/change/approvals/required-approvals.ts';
import type { Change, ChangePatch, ChangeState, ChangeType } from '#domain/change/change.ts';
import { changeStates } from '#domain/change/change.ts';
import { applyChangePatch } from '#domain/change/change-lifecycle.ts';
import type { SchedulingContext } from '#domain/change/conflicts/conflict.ts';
import { recordApproval } from '#domain/change/record-approval.ts';
import { DomainError } from '#domain/errors.ts';
import type { Actor } from '#domain/record/record.ts';
import {
  aChange,
  admin,
  agent,
  aPlannedChange,
  aWindow,
  manager,
  requester,
  secondManager,
} from './change-fixtures.ts';

const tail: Partial<Record<ChangeState, ChangeState[]>> = {
  scheduled: ['implement', 'canceled'],
  implement: ['review'],
  review: ['closed'],
};
/**
 * The contract's paths (README, Problem, change and service-request management), written down apart
 * from the implementation.
 */
const successors: Record<ChangeType, Partial<Record<ChangeState, ChangeState[]>>> = {
  normal: {
    new: ['assess', 'canceled'],
    assess: ['authorize', 'canceled'],
    authorize: ['scheduled', 'canceled'],
    ...tail,
  },
  standard: { new: ['scheduled', 'canceled'], ...tail },
  emergency: { new: ['authorize', 'canceled'], authorize: ['scheduled', 'canceled'], ...tail },
};

/** A blackout over every CI from 24 to 27 December, and another change on the same CI. */
const holidays = aWindow({ start: '2026-12-24T00:00:00.000Z', end: '2026-12-27T00:00:00.000Z' });
const scheduling: SchedulingContext = {
  otherChanges: [aPlannedChange()],
  windows: [holidays],
  relatedCis: {},
};
const inHolidays = (change: Change) =>
  Date.parse(change.plannedStart) < Date.parse(holidays.end) &&
  Date.parse(holidays.start) < Date.parse(change.plannedEnd);

type Action =
  | { kind: 'patch'; actor: Actor; patch: ChangePatch }
  | { kind: 'advance'; actor: Actor }
  | { kind: 'vote'; actor: Actor; decision: 'approve' | 'reject' };

const actor = fc.constantFrom(requester, agent, manager, secondManager, admin);
const patch = (body: fc.Arbitrary<ChangePatch>): fc.Arbitrary<Action> =>
  fc.record({ kind: fc.constant('patch' as const), actor, patch: body });
const windows = fc.constantFrom(
  { plannedStart: '2026-12-01T02:00:00.000Z', plannedEnd: '2026-12-01T04:00:00.000Z' },
  { plannedStart: '2026-12-25T02:00:00.000Z', plannedEnd: '2026-12-25T04:00:00.000Z' },
  { plannedStart: '2026-12-01T04:00:00.000Z', plannedEnd: '2026-12-01T02:00:00.000Z' },
  { plannedEnd: '2026-12-24T01:00:00.000Z' },
);

const actions: fc.Arbitrary<Action> = fc.oneof(
  patch(fc.record({ state: fc.constantFrom(...changeStates) })),
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), actor }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('vote' as const),
      actor,
      decision: fc.constantFrom('approve' as const, 'approve' as const, 'reject' as const),
    }),
    weight: 2,
  },
  patch(windows),
  patch(fc.record({ ciIds: fc.constantFrom(['db-1'], ['db-1', 'app-1'], []) })),
  patch(
    fc.record({
      reviewOutcome: fc.constantFrom('successful' as const, 'failed' as const, 'backed_out' as const),
      causedIncidentIds: fc.constantFrom([], ['i9']),
    }),
  ),
);

/** `advance` takes the contract's first next step, so random runs walk deep into the lifecycle. */
const perform = (action: Action, change: Change, now: string): Change => {
  if (action.kind === 'vote')
    return recordApproval(
      change,
      { approver: action.actor.sub, roles: action.actor.roles, decision: action.decision },
      now,
      scheduling,
    ).change;
  const body =
    action.kind === 'patch'
      ? action.patch
      : { state: successors[change.type][change.state]?.[0] ?? change.state };
  return applyChangePatch(change, body, action.actor, now, { scheduling }).change;
};

/** What must hold after every action, whatever happened. */
const assertContract = (before: Change, after: Change, action: Action) => {
  expect(after.type).toBe(before.type);
  if (before.state === 'closed' || before.state === 'canceled') expect(after).toEqual(before);
  if (after.state !== before.state) expect(successors[before.type][before.state]).toContain(after.state);
  if (before.state === 'authorize' && after.state === 'scheduled') {
    expect(action.kind).toBe('vote');
    expect(after.approvals.filter((vote) => vote.decision === 'approve').length).toBeGreaterThanOrEqual(
      requiredApprovals(after.risk),
    );
  }
  if (after.state === 'scheduled' && after.type !== 'emergency') expect(inHolidays(after)).toBe(false);
  if (after.state === 'closed') expect(after.reviewOutcome).toBeDefined();
  if (after.reviewOutcome) expect(['review', 'closed']).toContain(after.state);
  if (after.causedIncidentIds.length > 0) expect(['failed', 'backed_out']).toContain(after.reviewOutcome);
  expect(Date.parse(after.plannedEnd)).toBeGreaterThan(Date.parse(after.plannedStart));
  expect(after.ciIds.length).toBeGreaterThan(0);
  if (after.approvals.length !== before.approvals.length) expect(before.state).toBe('authorize');
  const approvers = after.approvals.map((vote) => vote.approver);
  expect(new Set(approvers).size).toBe(approvers.length);
  expect(approvers.every((approver) => ['cami', 'carl', 'ada'].includes(approver))).toBe(true);
  const selfApproved = after.approvals.some(
    (vote) => vote.decision === 'approve' && vote.approver === after.createdBy,
  );
  expect(selfApproved && after.createdBy === 'ada').toBe(false); // ada is admin, not change_manager
};

interface World {
  change: Change;
  clock: number;
}

class ChangeCommand implements fc.Command<object, World> {
  constructor(readonly action: Action) {}
  check = () => true;
  run(_model: object, world: World) {
    world.clock += 60_000;
    const before = world.change;
    try {
      world.change = perform(this.action, before, new Date(world.clock).toISOString());
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
    }
    assertContract(before, world.change, this.action);
  }
  toString = () => JSON.stringify(this.action);
}

describe('change domain, model-based', () => {
  it('never leaves the contract, whatever sequence of actions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ChangeType>('standard', 'normal', 'emergency'),
        fc.constantFrom('low' as const, 'high' as const),
        fc.constantFrom('alex', 'ada'),
        fc.constantFrom<ChangeState>('new', 'implement'),
        fc.commands([actions.map((action) => new ChangeCommand(action))], { maxCommands: 60 }),
        (type, risk, createdBy, state, commands) => {
          const real = {
            change: aChange({ type, risk, createdBy, state }),
            clock: Date.parse('2026-11-24T00:00:00.000Z'),
          };
          fc.modelRun(() => ({ model: {}, real }), commands);
        },
      ),
      { numRuns: 500 },
    );
  });
});
