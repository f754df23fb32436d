import type { RecordBase } from '#domain/record/record.ts';

/** Service request states (README, Problem, change and service-request management). */
export const requestStates = [
  'submitted',
  'approved',
  'fulfilling',
  'fulfilled',
  'rejected',
  'canceled',
] as const;
export type RequestState = (typeof requestStates)[number];

export interface ServiceRequest extends RecordBase {
  item: string;
  /** Whole units, at least 1; 1 when not given. */
  quantity: number;
  justification?: string;
  state: RequestState;
  /** Filled in by the service-level clocks, as for incidents (README, Service level management). */
  slas: unknown[];
  approvedBy?: string;
  approvedAt?: string;
  fulfilledAt?: string;
  /** When the request left the queue: fulfilled, rejected or canceled. */
  closedAt?: string;
}

export interface NewServiceRequest {
  item: string;
  quantity?: number;
  justification?: string;
}

/** Fields a PATCH may set; `null` clears the justification. */
export interface ServiceRequestPatch {
  state?: RequestState;
  item?: string;
  quantity?: number;
  justification?: string | null;
}

export const trackedRequestFields = [
  'item',
  'quantity',
  'justification',
  'state',
  'approvedBy',
  'approvedAt',
  'fulfilledAt',
  'closedAt',
] as const satisfies readonly (keyof ServiceRequest)[];
