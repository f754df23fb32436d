import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ApprovalMove } from './change-vote.ts';

/** Each approver votes once on a change; a second vote is a 409 (it would count twice). */
export const oneVotePerApprover: Rule<ApprovalMove> = ({ change, vote }) =>
  change.approvals.some((approval) => approval.approver === vote.approver)
    ? conflict('This approver has already voted on the change', { approver: vote.approver })
    : null;
