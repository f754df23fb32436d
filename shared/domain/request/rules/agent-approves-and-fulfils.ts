import { forbidden } from '#domain/errors.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { hasRole } from '#domain/record/record.ts';
import type { RequestState } from '../service-request.ts';
import type { RequestMove } from './request-move.ts';

const agentMoves: readonly RequestState[] = ['approved', 'rejected', 'fulfilling', 'fulfilled'];

/**
 * Approving, rejecting and fulfilling are agent work: agent, change_manager or admin. The
 * requester gets 403, so nobody approves their own request by role alone; they may only cancel.
 */
export const agentApprovesAndFulfils: Rule<RequestMove> = ({ before, after, actor }) =>
  before.state !== after.state && agentMoves.includes(after.state) && !hasRole(actor, 'agent')
    ? forbidden(`Only an agent may move a request to ${after.state}`)
    : null;
