import type { Rule } from '#domain/record/enforce-rules.ts';
import { agentWorksProblems } from './rules/agent-works-problems.ts';
import { finishedProblemIsReadOnly } from './rules/finished-problem-is-read-only.ts';
import { knownErrorNeedsRootCauseAndWorkaround } from './rules/known-error-needs-root-cause-and-workaround.ts';
import type { ProblemMove } from './rules/problem-move.ts';
import { problemPath } from './rules/problem-path.ts';
import { problemTitleRequired } from './rules/problem-title-required.ts';
import { resolvedNeedsRootCause } from './rules/resolved-needs-root-cause.ts';

/** The problem rule pack: every rule judged on every patch, composed here and nowhere else. */
export const problemRules: readonly Rule<ProblemMove>[] = [
  agentWorksProblems,
  finishedProblemIsReadOnly,
  problemPath,
  problemTitleRequired,
  knownErrorNeedsRootCauseAndWorkaround,
  resolvedNeedsRootCause,
];
