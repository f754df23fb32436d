import { enforceRules } from '#domain/record/enforce-rules.ts';
import { applyPatch } from '#domain/record/patch.ts';
import { type Actor, diffFields, type FieldChange } from '#domain/record/record.ts';
import { type Problem, type ProblemPatch, trackedProblemFields } from './problem.ts';
import { problemRules } from './problem-rules.ts';

/** `null` in a patch clears the field. */
const merge = (problem: Problem, patch: ProblemPatch): Problem => applyPatch(problem, patch);

const stampState = (before: Problem, after: Problem, now: string): Problem => {
  if (before.state === after.state) return after;
  if (after.state === 'resolved') return { ...after, resolvedAt: now };
  if (after.state === 'closed') return { ...after, closedAt: now };
  return after;
};

/**
 * Applies a PATCH to a problem: judges it with the whole problem rule pack and returns the
 * new problem with its field changes for history and the `Problem Updated` event. The
 * version is not bumped here: the store does that when it commits.
 * @throws DomainError 403 for a requester, 409 for a move the state machine forbids or a
 *   finished problem, 422 listing every missing field (known error, resolved).
 * @example applyProblemChange(problem, { state: 'assess' }, agent, now).changes // [{ field: 'state', ... }]
 */
export const applyProblemChange = (
  problem: Problem,
  patch: ProblemPatch,
  actor: Actor,
  now: string,
): { problem: Problem; changes: FieldChange[] } => {
  const after = stampState(problem, merge(problem, patch), now);
  enforceRules(problemRules, { before: problem, after, patch, actor });
  const changes = diffFields(problem, after, trackedProblemFields);
  return { problem: changes.length > 0 ? { ...after, updatedAt: now } : problem, changes };
};
