import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import { applyProblemChange } from '#domain/problem/apply-problem-change.ts';
import { linkIncidentToProblem } from '#domain/problem/link-incident.ts';
import {
  type Problem,
  type ProblemPatch,
  type ProblemState,
  problemStates,
} from '#domain/problem/problem.ts';
import type { Actor } from '#domain/record/record.ts';
import { admin, agent, aProblem, requester } from './problem-fixtures.ts';

/**
 * The contract's moves (README, Problem, change and service-request management), written down apart
 * from the implementation.
 */
const successors: Record<ProblemState, ProblemState[]> = {
  new: ['assess', 'canceled'],
  assess: ['root_cause_analysis', 'canceled'],
  root_cause_analysis: ['fix_in_progress', 'canceled'],
  fix_in_progress: ['resolved', 'canceled'],
  resolved: ['closed'],
  closed: [],
  canceled: [],
};

interface World {
  problem: Problem;
  clock: number;
}

const filled = (text?: string) => (text ?? '').trim() !== '';

/** What must hold after every action, whatever happened. */
const assertContract = (before: Problem, after: Problem, action: Action) => {
  if (after !== before) expect(action.actor).not.toBe(requester);
  if (after.state !== before.state) expect(successors[before.state]).toContain(after.state);
  if (before.state === 'closed' || before.state === 'canceled') expect(after).toEqual(before);
  if (after.knownError) expect(filled(after.rootCause) && filled(after.workaround)).toBe(true);
  if (after.state === 'resolved' || after.state === 'closed') {
    expect(filled(after.rootCause)).toBe(true);
    expect(after.resolvedAt).toBeDefined();
  }
  expect(filled(after.title)).toBe(true);
};

type Action =
  | { kind: 'patch'; actor: Actor; patch: ProblemPatch }
  | { kind: 'advance'; actor: Actor }
  | { kind: 'link'; actor: Actor; incidentId: string };

const text = fc.constantFrom<string | null>('Disk full', 'Purge the spool', '', '  ', null);
const actor = fc.constantFrom(requester, agent, admin);
const patch = (body: fc.Arbitrary<ProblemPatch>): fc.Arbitrary<Action> =>
  fc.record({ kind: fc.constant('patch' as const), actor, patch: body });

const actions: fc.Arbitrary<Action> = fc.oneof(
  patch(fc.record({ state: fc.constantFrom(...problemStates) })),
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), actor }), weight: 3 },
  patch(fc.record({ rootCause: text })),
  patch(fc.record({ workaround: text })),
  patch(
    fc.record(
      { knownError: fc.boolean(), rootCause: text, workaround: text },
      { requiredKeys: ['knownError'] },
    ),
  ),
  patch(fc.record({ title: fc.constantFrom('Renamed', '') })),
  fc.record({ kind: fc.constant('link' as const), actor, incidentId: fc.constantFrom('i1', 'i2') }),
);

/** `advance` takes the contract's first next step, so random runs walk deep into the lifecycle. */
const perform = (action: Action, problem: Problem, now: string): Problem => {
  if (action.kind === 'link')
    return linkIncidentToProblem(problem, action.incidentId, action.actor, now).problem;
  const body =
    action.kind === 'patch' ? action.patch : { state: successors[problem.state][0] ?? problem.state };
  return applyProblemChange(problem, body, action.actor, now).problem;
};

class ProblemCommand implements fc.Command<object, World> {
  constructor(readonly action: Action) {}
  check = () => true;
  run(_model: object, world: World) {
    world.clock += 60_000;
    const before = world.problem;
    try {
      world.problem = perform(this.action, before, new Date(world.clock).toISOString());
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
    }
    assertContract(before, world.problem, this.action);
  }
  toString = () => JSON.stringify(this.action);
}

describe('problem domain, model-based', () => {
  it('never leaves the contract, whatever sequence of actions', () => {
    fc.assert(
      fc.property(
        fc.commands([actions.map((action) => new ProblemCommand(action))], { maxCommands: 60 }),
        (commands) => {
          const setup = () => ({
            model: {},
            real: { problem: aProblem(), clock: Date.parse('2026-11-24T00:00:00.000Z') },
          });
          fc.modelRun(setup, commands);
        },
      ),
      { numRuns: 300 },
    );
  });
});
