import { enforceRules } from '#domain/record/enforce-rules.ts';
import { applyPatch } from '#domain/record/patch.ts';
import { type Actor, diffFields, type FieldChange } from '#domain/record/record.ts';
import { requestRules } from './request-rules.ts';
import { type ServiceRequest, type ServiceRequestPatch, trackedRequestFields } from './service-request.ts';

const stamps = (before: ServiceRequest, after: ServiceRequest, actor: Actor, now: string) => {
  if (before.state === after.state) return {};
  if (after.state === 'approved') return { approvedBy: actor.sub, approvedAt: now };
  if (after.state === 'fulfilled') return { fulfilledAt: now, closedAt: now };
  if (after.state === 'rejected' || after.state === 'canceled') return { closedAt: now };
  return {};
};

/**
 * Applies a PATCH to a service request and returns it with its field changes for history and
 * the `Request Updated` event. The store bumps the version.
 * @throws DomainError 403 (a requester on another's request, or approving/fulfilling), 409 (a
 *   move the state machine forbids, editing after submission, a finished request), 422.
 * @example applyRequestChange(request, { state: 'approved' }, agent, now).request.approvedBy // agent.sub
 */
export const applyRequestChange = (
  request: ServiceRequest,
  patch: ServiceRequestPatch,
  actor: Actor,
  now: string,
): { request: ServiceRequest; changes: FieldChange[] } => {
  const merged = applyPatch(request, patch);
  const after = { ...merged, ...stamps(request, merged, actor, now) };
  enforceRules(requestRules, { before: request, after, patch, actor });
  const changes = diffFields(request, after, trackedRequestFields);
  return { request: changes.length > 0 ? { ...after, updatedAt: now } : request, changes };
};
