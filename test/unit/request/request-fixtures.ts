import type { Actor } from '#domain/record/record.ts';
import type { ServiceRequest } from '#domain/request/service-request.ts';

export { thrown } from '../problem/problem-fixtures.ts';

export const now = '2026-11-24T09:30:00.000Z';
export const requester: Actor = { sub: 'rita', roles: ['requester'] };
export const otherRequester: Actor = { sub: 'rob', roles: ['requester'] };
export const agent: Actor = { sub: 'alex', roles: ['agent'] };
export const manager: Actor = { sub: 'cami', roles: ['change_manager'] };
export const admin: Actor = { sub: 'ada', roles: ['admin'] };

/** A stored request in `submitted`, raised by rita. */
export const aRequest = (overrides: Partial<ServiceRequest> = {}): ServiceRequest => ({
  id: 'req-1',
  number: 'REQ0001001',
  version: 1,
  item: 'Laptop',
  quantity: 1,
  state: 'submitted',
  slas: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'rita',
  ...overrides,
});
