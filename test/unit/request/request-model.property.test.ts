import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import type { Actor } from '#domain/record/record.ts';
import { applyRequestChange } from '#domain/request/apply-request-change.ts';
import {
  type RequestState,
  requestStates,
  type ServiceRequest,
  type ServiceRequestPatch,
} from '#domain/request/service-request.ts';
import { admin, agent, aRequest, manager, otherRequester, requester } from './request-fixtures.ts';

/** The contract's moves, written down apart from the implementation. */
const successors: Record<RequestState, RequestState[]> = {
  submitted: ['approved', 'rejected', 'canceled'],
  approved: ['fulfilling', 'canceled'],
  fulfilling: ['fulfilled', 'canceled'],
  fulfilled: [],
  rejected: [],
  canceled: [],
};
const agentsAndAbove = ['alex', 'cami', 'ada'];

type Action = { actor: Actor; patch: ServiceRequestPatch } | { actor: Actor; advance: true };

const actor = fc.constantFrom(requester, otherRequester, agent, manager, admin);
const actions: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ actor, patch: fc.record({ state: fc.constantFrom(...requestStates) }) }),
  { arbitrary: fc.record({ actor, advance: fc.constant(true as const) }), weight: 2 },
  fc.record({
    actor,
    patch: fc.record(
      {
        item: fc.constantFrom('Monitor', ''),
        quantity: fc.constantFrom(1, 3, 0, -2, 1.5),
        justification: fc.constantFrom('New hire', null),
      },
      { requiredKeys: [] },
    ),
  }),
);

/** What must hold after every action, whatever happened. */
const assertContract = (before: ServiceRequest, after: ServiceRequest, action: Action) => {
  if (['fulfilled', 'rejected', 'canceled'].includes(before.state)) expect(after).toEqual(before);
  if (after.state !== before.state) {
    expect(successors[before.state]).toContain(after.state);
    if (after.state !== 'canceled') expect(agentsAndAbove).toContain(action.actor.sub);
  }
  if (after !== before && !agentsAndAbove.includes(action.actor.sub))
    expect(action.actor.sub).toBe(after.createdBy);
  if (before.state !== 'submitted')
    expect([after.item, after.quantity]).toEqual([before.item, before.quantity]);
  if (after.state === 'approved') expect(after.approvedBy).toBeDefined();
  expect(Number.isInteger(after.quantity) && after.quantity >= 1).toBe(true);
  expect(after.item.trim()).not.toBe('');
};

class RequestCommand implements fc.Command<object, { request: ServiceRequest; clock: number }> {
  constructor(readonly action: Action) {}
  check = () => true;
  run(_model: object, world: { request: ServiceRequest; clock: number }) {
    world.clock += 60_000;
    const before = world.request;
    const body =
      'patch' in this.action ? this.action.patch : { state: successors[before.state][0] ?? before.state };
    try {
      world.request = applyRequestChange(
        before,
        body,
        this.action.actor,
        new Date(world.clock).toISOString(),
      ).request;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
    }
    assertContract(before, world.request, this.action);
  }
  toString = () => JSON.stringify(this.action);
}

describe('service request domain, model-based', () => {
  it('never leaves the contract, whatever sequence of actions', () => {
    fc.assert(
      fc.property(
        fc.commands([actions.map((action) => new RequestCommand(action))], { maxCommands: 40 }),
        (commands) => {
          const real = { request: aRequest(), clock: Date.parse('2026-11-24T00:00:00.000Z') };
          fc.modelRun(() => ({ model: {}, real }), commands);
        },
      ),
      { numRuns: 300 },
    );
  });
});
