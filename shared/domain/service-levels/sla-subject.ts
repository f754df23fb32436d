import type { RecordTimeline, SlaStatus } from './sla-policy.ts';

/**
 * What service level management reads and writes on any record it tracks (incidents, requests).
 * `slaTimeline` is the record's state/priority history, the only input the clock needs, so an SLA
 * repair is a recomputation from it. `slaEmitted` names the thresholds already announced
 * (`<policyId>@<percent>`), which is what makes each warning and breach go out once.
 * `slaNextCheckAt` is when the sweep must look at the record next; it keys the due index.
 */
export interface SlaSubject {
  id: string;
  createdAt: string;
  state: string;
  priority?: number;
  slas: unknown[];
  slaTimeline?: RecordTimeline;
  slaEmitted?: string[];
  slaNextCheckAt?: string;
}

/** The tracked fields of a record after a recomputation. */
export interface SlaTracking {
  slas: SlaStatus[];
  slaNextCheckAt: string | undefined;
}

export const emittedKey = (policyId: string, percent: number): string => `${policyId}@${percent}`;
