import { forbidden } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { hasRole } from '#domain/record/record.ts';
import type { ChangeMove } from './change-move.ts';

/**
 * Changes are raised and worked by agents and above (README, Problem, change and service-request
 * management: `POST /changes` is agent+).
 */
export const agentWorksChanges: Rule<ChangeMove> = ({ actor }) =>
  hasRole(actor, 'agent') ? null : forbidden('Only an agent may change a change request');
