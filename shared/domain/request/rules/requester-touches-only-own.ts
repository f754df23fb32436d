import { forbidden } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { hasRole } from '#domain/record/record.ts';
import type { RequestMove } from './request-move.ts';

/** A requester may only touch the requests they raised; agents and above work every request. */
export const requesterTouchesOnlyOwn: Rule<RequestMove> = ({ before, actor }) =>
  hasRole(actor, 'agent') || before.createdBy === actor.sub
    ? null
    : forbidden('A requester may only change their own requests');
