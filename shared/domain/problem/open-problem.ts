import { enforceRules } from '#domain/record/enforce-rules.ts';
import type { Actor } from '#domain/record/record.ts';
import type { NewProblem, Problem } from './problem.ts';
import { problemRules } from './problem-rules.ts';

/**
 * A new problem in `new`, before the store gives it an id, a number and a version. The same
 * rule pack judges it as a move from nothing, so a requester gets 403 and a blank title 422.
 * @example openProblem({ title: 'Mail queue stalls' }, agent, now).state // 'new'
 */
export const openProblem = (
  input: NewProblem,
  actor: Actor,
  now: string,
): Omit<Problem, 'id' | 'number' | 'version'> => {
  const draft: Problem = {
    id: '',
    number: '',
    version: 0,
    title: input.title,
    state: 'new',
    incidentIds: [...new Set(input.incidentIds ?? [])],
    knownError: false,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.sub,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.ciId === undefined ? {} : { ciId: input.ciId }),
    ...(input.source === undefined ? {} : { source: input.source }),
    ...(input.metricKey === undefined ? {} : { metricKey: input.metricKey }),
  };
  enforceRules(problemRules, { before: draft, after: draft, patch: {}, actor });
  const { id: _id, number: _number, version: _version, ...problem } = draft;
  return problem;
};
