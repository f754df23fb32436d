import { describe, expect, it } from 'vitest';
import { applyProblemChange } from '#domain/problem/apply-problem-change.ts';
import { type ProblemState, problemStates } from '#domain/problem/problem.ts';
import { agent, aProblem, now, thrown } from './problem-fixtures.ts';

/**
 * The contract (README, Problem, change and service-request management), transcribed independently
 * of the implementation.
 */
const contract = new Set([
  'new>assess',
  'assess>root_cause_analysis',
  'root_cause_analysis>fix_in_progress',
  'fix_in_progress>resolved',
  'resolved>closed',
  'new>canceled',
  'assess>canceled',
  'root_cause_analysis>canceled',
  'fix_in_progress>canceled',
]);

const pairs = problemStates.flatMap((from) =>
  problemStates
    .filter((to) => to !== from)
    .map((to) => ({ from, to, allowed: contract.has(`${from}>${to}`) })),
);

describe('problem state machine', () => {
  it.each(pairs.filter((pair) => pair.allowed))('allows $from → $to', ({ from, to }) => {
    // Prepare: a problem with what every state needs
    const problem = aProblem({ state: from as ProblemState, rootCause: 'Disk full' });

    // Act
    const { problem: next, changes } = applyProblemChange(problem, { state: to }, agent, now);

    // Assess
    expect(next.state).toBe(to);
    expect(changes).toContainEqual({ field: 'state', from, to });
  });

  it.each(pairs.filter((pair) => !pair.allowed))('refuses $from → $to with 409', ({ from, to }) => {
    // Prepare
    const problem = aProblem({ state: from as ProblemState, rootCause: 'Disk full' });

    // Act
    const error = thrown(() => applyProblemChange(problem, { state: to }, agent, now));

    // Assess
    expect(error.kind).toBe('conflict');
  });
});
