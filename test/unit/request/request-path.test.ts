import { describe, expect, it } from 'vitest';
import { applyRequestChange } from '#domain/request/apply-request-change.ts';
import { requestStates } from '#domain/request/service-request.ts';
import { agent, aRequest, now, thrown } from './request-fixtures.ts';

/**
 * The contract (README, Problem, change and service-request management), written down apart from
 * the implementation.
 */
const contract = new Set([
  'submitted>approved',
  'approved>fulfilling',
  'fulfilling>fulfilled',
  'submitted>rejected',
  'submitted>canceled',
  'approved>canceled',
  'fulfilling>canceled',
]);

const pairs = requestStates.flatMap((from) =>
  requestStates
    .filter((to) => to !== from)
    .map((to) => ({ from, to, allowed: contract.has(`${from}>${to}`) })),
);

describe('service request state machine', () => {
  it.each(pairs.filter((pair) => pair.allowed))('allows $from → $to', ({ from, to }) => {
    // Act
    const { request, changes } = applyRequestChange(aRequest({ state: from }), { state: to }, agent, now);

    // Assess
    expect(request.state).toBe(to);
    expect(changes).toContainEqual({ field: 'state', from, to });
  });

  it.each(pairs.filter((pair) => !pair.allowed))('refuses $from → $to with 409', ({ from, to }) => {
    // Act
    const error = thrown(() => applyRequestChange(aRequest({ state: from }), { state: to }, agent, now));

    // Assess
    expect(error.kind).toBe('conflict');
  });
});
