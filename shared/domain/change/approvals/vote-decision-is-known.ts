import { validationError } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { type ApprovalMove, type VoteDecision, voteDecisions } from './change-vote.ts';

/** A vote is `approve` or `reject` (422 otherwise). */
export const voteDecisionIsKnown: Rule<ApprovalMove> = ({ vote }) =>
  voteDecisions.includes(vote.decision as VoteDecision)
    ? null
    : validationError([{ path: 'decision', message: 'decision must be approve or reject' }]);
