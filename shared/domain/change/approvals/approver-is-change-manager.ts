import { forbidden } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { hasRole } from '#domain/record/record.ts';
import type { ApprovalMove } from './change-vote.ts';

/** Only a change_manager (or an admin, who may do everything) votes on a change; others get 403. */
export const approverIsChangeManager: Rule<ApprovalMove> = ({ vote }) =>
  hasRole({ sub: vote.approver, roles: vote.roles }, 'change_manager')
    ? null
    : forbidden('Only a change_manager may approve or reject a change');
