import { conflict } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { RequestMove } from './request-move.ts';

const finished = ['fulfilled', 'rejected', 'canceled'];

/** A fulfilled, rejected or canceled request is a record of the past (409 on any change). */
export const finishedRequestIsReadOnly: Rule<RequestMove> = ({ before, patch }) =>
  finished.includes(before.state) && Object.keys(patch).length > 0
    ? conflict(`A ${before.state} request cannot be changed`, { state: before.state })
    : null;
