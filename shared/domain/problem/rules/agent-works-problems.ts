import { forbidden } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { hasRole } from '#domain/record/record.ts';
import type { ProblemMove } from './problem-move.ts';

/**
 * Problem management is agent work (README, Problem, change and service-request management: `POST
 * /problems` is agent+).
 */
export const agentWorksProblems: Rule<ProblemMove> = ({ actor }) =>
  hasRole(actor, 'agent') ? null : forbidden('Only an agent may change a problem');
