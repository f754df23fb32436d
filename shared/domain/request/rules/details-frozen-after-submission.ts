import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { RequestMove } from './request-move.ts';

/**
 * What was asked for is what was approved: `item`, `quantity` and `justification` may change
 * only while the request is `submitted` (409 afterwards).
 */
export const detailsFrozenAfterSubmission: Rule<RequestMove> = ({ before, patch }) =>
  before.state !== 'submitted' &&
  (patch.item !== undefined || patch.quantity !== undefined || patch.justification !== undefined)
    ? conflict('A request can be edited only while it is submitted', { state: before.state })
    : null;
