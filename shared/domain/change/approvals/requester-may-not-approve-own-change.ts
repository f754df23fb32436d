import { forbidden } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ApprovalMove } from './change-vote.ts';

/**
 * Segregation of duties: whoever raised a change (`createdBy`) may not approve it unless they
 * hold the `change_manager` role itself; being admin is not enough here (403). Rejecting, which
 * only stops the change, stays open to them.
 */
export const requesterMayNotApproveOwnChange: Rule<ApprovalMove> = ({ change, vote }) =>
  vote.decision === 'approve' && vote.approver === change.createdBy && !vote.roles.includes('change_manager')
    ? forbidden('The requester of a change may not approve it unless they are a change_manager')
    : null;
