import type { RecordBase } from '#domain/record/record.ts';

/** Service request states (API.md section 5). */
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
  /** Filled in by the service-level clocks, as for incidents (API.md section 6). */
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
