import { describe, expect, it } from 'vitest';
import { type ChangeState, type ChangeType, changeStates, changeTypes } from '#domain/change/change.ts';
import { applyChangePatch } from '#domain/change/change-lifecycle.ts';
import { aChange, agent, noScheduling, now, thrown } from './change-fixtures.ts';

const tail = ['scheduled>implement', 'scheduled>canceled', 'implement>review', 'review>closed'];

/**
 * The contract's paths (README, Problem, change and service-request management), written down apart
 * from the implementation.
 */
const contract: Record<ChangeType, Set<string>> = {
  normal: new Set([
    'new>assess',
    'assess>authorize',
    'authorize>scheduled',
    'new>canceled',
    'assess>canceled',
    'authorize>canceled',
    ...tail,
  ]),
  standard: new Set(['new>scheduled', 'new>canceled', ...tail]),
  emergency: new Set(['new>authorize', 'authorize>scheduled', 'new>canceled', 'authorize>canceled', ...tail]),
};

/** `authorize → scheduled` is on the path but only approvals take it (see change-approvals.test.ts). */
const byPatch = (type: ChangeType, from: ChangeState, to: ChangeState) =>
  contract[type].has(`${from}>${to}`) && !(from === 'authorize' && to === 'scheduled');

const pairs = changeTypes.flatMap((type) =>
  changeStates.flatMap((from) =>
    changeStates
      .filter((to) => to !== from)
      .map((to) => ({ type, from, to, allowed: byPatch(type, from, to) })),
  ),
);

const inState = (type: ChangeType, state: ChangeState) =>
  aChange({ type, state, ...(state === 'review' ? { reviewOutcome: 'successful' as const } : {}) });

describe('change paths', () => {
  it.each(pairs.filter((pair) => pair.allowed))('a $type change moves $from → $to', ({ type, from, to }) => {
    // Prepare
    const change = inState(type, from);

    // Act
    const { change: next, changes } = applyChangePatch(change, { state: to }, agent, now, {
      scheduling: noScheduling,
    });

    // Assess
    expect(next.state).toBe(to);
    expect(changes).toContainEqual({ field: 'state', from, to });
  });

  it.each(pairs.filter((pair) => !pair.allowed))(
    'a $type change may not move $from → $to (409)',
    ({ type, from, to }) => {
      // Prepare
      const change = inState(type, from);

      // Act
      const error = thrown(() =>
        applyChangePatch(change, { state: to }, agent, now, { scheduling: noScheduling }),
      );

      // Assess
      expect(error.kind).toBe('conflict');
    },
  );
});
