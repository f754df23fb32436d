import { enforceRules } from '#domain/record/enforce-rules.ts';
import type { Actor } from '#domain/record/record.ts';
import { requestRules } from './request-rules.ts';
import type { NewServiceRequest, ServiceRequest } from './service-request.ts';

/**
 * A new service request in `submitted` (any role may raise one; `quantity` defaults to 1),
 * before the store gives it an id, a number and a version.
 * @example openRequest({ item: 'Laptop' }, requester, now).quantity // 1
 */
export const openRequest = (
  input: NewServiceRequest,
  actor: Actor,
  now: string,
): Omit<ServiceRequest, 'id' | 'number' | 'version'> => {
  const draft: ServiceRequest = {
    id: '',
    number: '',
    version: 0,
    item: input.item,
    quantity: input.quantity ?? 1,
    state: 'submitted',
    slas: [],
    createdAt: now,
    updatedAt: now,
    createdBy: actor.sub,
    ...(input.justification === undefined ? {} : { justification: input.justification }),
  };
  enforceRules(requestRules, { before: draft, after: draft, patch: {}, actor });
  const { id: _id, number: _number, version: _version, ...request } = draft;
  return request;
};
