import type { Role } from '#domain/record/record.ts';
import type { Change } from '../change.ts';

export const voteDecisions = ['approve', 'reject'] as const;
export type VoteDecision = (typeof voteDecisions)[number];

/** One approver's vote (`POST /changes/{id}/approvals`); `roles` come from the approver's token. */
export interface ChangeVote {
  approver: string;
  roles: Role[];
  decision: VoteDecision;
  comment?: string;
}

/** What each approval rule judges. */
export interface ApprovalMove {
  change: Change;
  vote: ChangeVote;
}
