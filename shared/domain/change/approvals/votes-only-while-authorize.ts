import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { ApprovalMove } from './change-vote.ts';

/** Votes are taken only while the change is in `authorize` (409 otherwise). */
export const votesOnlyWhileAuthorize: Rule<ApprovalMove> = ({ change }) =>
  change.state === 'authorize'
    ? null
    : conflict(`A change in ${change.state} is not awaiting approval`, { state: change.state });
