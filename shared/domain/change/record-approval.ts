import { enforceRules, type Rule } from '#domain/record/enforce-rules.ts';
import type { FieldChange } from '#domain/record/record.ts';
import { approverIsChangeManager } from './approvals/approver-is-change-manager.ts';
import type { ApprovalMove, ChangeVote } from './approvals/change-vote.ts';
import { oneVotePerApprover } from './approvals/one-vote-per-approver.ts';
import { requesterMayNotApproveOwnChange } from './approvals/requester-may-not-approve-own-change.ts';
import { requiredApprovals } from './approvals/required-approvals.ts';
import { voteDecisionIsKnown } from './approvals/vote-decision-is-known.ts';
import { votesOnlyWhileAuthorize } from './approvals/votes-only-while-authorize.ts';
import type { Change, ChangeApproval } from './change.ts';
import { nextChange, settleChange } from './change-lifecycle.ts';
import type { SchedulingContext } from './conflicts/conflict.ts';

/** The approval rule pack, composed here and nowhere else. */
export const approvalRules: readonly Rule<ApprovalMove>[] = [
  approverIsChangeManager,
  requesterMayNotApproveOwnChange,
  votesOnlyWhileAuthorize,
  oneVotePerApprover,
  voteDecisionIsKnown,
];

/**
 * Records a change_manager's vote. One rejection cancels the change; once enough approvals
 * exist (`requiredApprovals`) it moves to `scheduled`. That move is judged by the change rule
 * pack, so for a normal change a blackout conflict refuses the approval with 409 listing the
 * conflicts (nothing is recorded), while an emergency change proceeds with the conflicts on
 * record. Pass `scheduling` to recompute conflicts; without it those on record are judged.
 * `approved` tells the caller to emit `Change Approved`. The store bumps the version.
 * @throws DomainError 403 (not a change_manager, or approving one's own change), 409 (not in
 *   authorize, second vote, blackout), 422 (unknown decision).
 * @example recordApproval(change, { approver: 'cm', roles: ['change_manager'], decision: 'approve' }, now).approved // true
 */
export const recordApproval = (
  change: Change,
  vote: ChangeVote,
  now: string,
  scheduling?: SchedulingContext,
): { change: Change; changes: FieldChange[]; approved: boolean } => {
  enforceRules(approvalRules, { change, vote });
  const approval: ChangeApproval = {
    approver: vote.approver,
    decision: vote.decision,
    at: now,
    ...(vote.comment === undefined ? {} : { comment: vote.comment }),
  };
  const approvals = [...change.approvals, approval];
  const approvedCount = approvals.filter((entry) => entry.decision === 'approve').length;
  const state =
    vote.decision === 'reject'
      ? 'canceled'
      : approvedCount >= requiredApprovals(change.risk)
        ? 'scheduled'
        : change.state;
  const after = { ...nextChange(change, { state }, now, scheduling ? { scheduling } : {}), approvals };
  const actor = { sub: vote.approver, roles: vote.roles };
  const settled = settleChange({ before: change, after, patch: { state }, actor, via: 'approval' }, now);
  return { ...settled, approved: settled.change.state === 'scheduled' };
};
