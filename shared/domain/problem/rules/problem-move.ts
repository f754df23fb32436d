import type { Actor } from '#domain/record/record.ts';
import type { Problem, ProblemPatch } from '../problem.ts';

/** What each problem rule judges: the problem before and after a patch, and who asks. */
export interface ProblemMove {
  before: Problem;
  after: Problem;
  patch: ProblemPatch;
  actor: Actor;
}
