import type { Rule } from '#domain/record/enforce-rules.ts';
import { agentApprovesAndFulfils } from './rules/agent-approves-and-fulfils.ts';
import { detailsFrozenAfterSubmission } from './rules/details-frozen-after-submission.ts';
import { finishedRequestIsReadOnly } from './rules/finished-request-is-read-only.ts';
import { itemRequired } from './rules/item-required.ts';
import { quantityIsPositiveInteger } from './rules/quantity-is-positive-integer.ts';
import type { RequestMove } from './rules/request-move.ts';
import { requestPath } from './rules/request-path.ts';
import { requesterTouchesOnlyOwn } from './rules/requester-touches-only-own.ts';

/** The service request rule pack, composed here and nowhere else. */
export const requestRules: readonly Rule<RequestMove>[] = [
  requesterTouchesOnlyOwn,
  agentApprovesAndFulfils,
  finishedRequestIsReadOnly,
  requestPath,
  detailsFrozenAfterSubmission,
  itemRequired,
  quantityIsPositiveInteger,
];
