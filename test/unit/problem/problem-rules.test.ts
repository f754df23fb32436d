import { describe, expect, it } from 'vitest';
import type { Problem, ProblemPatch } from '#domain/problem/problem.ts';
import { agentWorksProblems } from '#domain/problem/rules/agent-works-problems.ts';
import { finishedProblemIsReadOnly } from '#domain/problem/rules/finished-problem-is-read-only.ts';
import { knownErrorNeedsRootCauseAndWorkaround } from '#domain/problem/rules/known-error-needs-root-cause-and-workaround.ts';
import type { ProblemMove } from '#domain/problem/rules/problem-move.ts';
import { problemPath } from '#domain/problem/rules/problem-path.ts';
import { problemTitleRequired } from '#domain/problem/rules/problem-title-required.ts';
import { resolvedNeedsRootCause } from '#domain/problem/rules/resolved-needs-root-cause.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { Actor } from '#domain/record/record.ts';
import { agent, aProblem, requester } from './problem-fixtures.ts';

const move = (
  after: Partial<Problem>,
  before: Partial<Problem> = {},
  patch: ProblemPatch = {},
  actor: Actor = agent,
) =>
  ({
    before: aProblem(before),
    after: aProblem({ ...before, ...after }),
    patch,
    actor,
  }) satisfies ProblemMove;

/** Each rule: one compliant move (null) and one non-compliant move (the error kind and fields). */
const cases: Array<{
  rule: Rule<ProblemMove>;
  name: string;
  compliant: ProblemMove;
  nonCompliant: ProblemMove;
  kind: string;
  paths?: string[];
}> = [
  {
    rule: agentWorksProblems,
    name: 'agentWorksProblems',
    compliant: move({}, {}, {}, agent),
    nonCompliant: move({}, {}, {}, requester),
    kind: 'forbidden',
  },
  {
    rule: finishedProblemIsReadOnly,
    name: 'finishedProblemIsReadOnly',
    compliant: move(
      { workaround: 'Restart' },
      { state: 'resolved', rootCause: 'x' },
      { workaround: 'Restart' },
    ),
    nonCompliant: move(
      { workaround: 'Restart' },
      { state: 'closed', rootCause: 'x' },
      { workaround: 'Restart' },
    ),
    kind: 'conflict',
  },
  {
    rule: problemPath,
    name: 'problemPath',
    compliant: move({ state: 'assess' }, { state: 'new' }),
    nonCompliant: move({ state: 'fix_in_progress' }, { state: 'new' }),
    kind: 'conflict',
  },
  {
    rule: problemTitleRequired,
    name: 'problemTitleRequired',
    compliant: move({ title: 'Nightly stall' }),
    nonCompliant: move({ title: '   ' }),
    kind: 'validation',
    paths: ['title'],
  },
  {
    rule: knownErrorNeedsRootCauseAndWorkaround,
    name: 'knownErrorNeedsRootCauseAndWorkaround',
    compliant: move({ knownError: true, rootCause: 'Disk full', workaround: 'Purge the spool' }),
    nonCompliant: move({ knownError: true, rootCause: 'Disk full', workaround: '' }),
    kind: 'validation',
    paths: ['workaround'],
  },
  {
    rule: resolvedNeedsRootCause,
    name: 'resolvedNeedsRootCause',
    compliant: move({ state: 'resolved', rootCause: 'Disk full' }),
    nonCompliant: move({ state: 'closed' }),
    kind: 'validation',
    paths: ['rootCause'],
  },
];

describe.each(cases)('$name', ({ rule, compliant, nonCompliant, kind, paths }) => {
  it('passes a compliant move', () => {
    // Act
    const verdict = rule(compliant);

    // Assess
    expect(verdict).toBeNull();
  });

  it('refuses a non-compliant move', () => {
    // Act
    const verdict = rule(nonCompliant);

    // Assess
    expect(verdict?.kind).toBe(kind);
    if (paths) expect(verdict?.errors?.map((error) => error.path)).toEqual(paths);
  });
});

describe('knownErrorNeedsRootCauseAndWorkaround', () => {
  it('lists both missing fields of a known error', () => {
    // Act
    const verdict = knownErrorNeedsRootCauseAndWorkaround(move({ knownError: true }));

    // Assess
    expect(verdict?.errors?.map((error) => error.path)).toEqual(['rootCause', 'workaround']);
  });
});
