import type { SlaRecordKind } from './record-lifecycle.ts';

export type SlaMetric = 'response' | 'resolution';

/**
 * An admin-defined target (README, Service level management). No `calendarId` means 24x7; no
 * `priorities` means every priority.
 */
export interface SlaPolicy {
  id: string;
  recordType: SlaRecordKind;
  priorities?: number[];
  metric: SlaMetric;
  /** Business seconds allowed; must be positive. */
  targetSeconds: number;
  calendarId?: string;
  pauseStates: string[];
  /** Percentages at which a warning is emitted; 100 (the breach) is always implied. */
  warnAt: number[];
}

/**
 * A record's history: the first entry is its creation (initial state and priority), each later one a
 * change of state and/or priority, in time order. `at` is RFC 3339.
 */
export type RecordTimeline = Array<{ at: string; state: string; priority?: number }>;

export type SlaState = 'running' | 'paused' | 'met' | 'breached' | 'canceled';

/**
 * One entry of a record's `slas` (README, Service level management). Timestamps are RFC 3339 UTC
 * with milliseconds.
 */
export interface SlaStatus {
  policyId: string;
  metric: SlaMetric;
  state: SlaState;
  /** When the clock was attached: the record's creation, even if business time starts later. */
  startedAt: string;
  dueAt: string;
  /** Whole business seconds counted so far. */
  elapsedSeconds: number;
  /** `elapsedSeconds / targetSeconds` in percent, truncated to 2 decimals; above 100 once breached. */
  percentElapsed: number;
  /** The policy's target when the SLA attached; a later edit of the policy does not change it. */
  targetSeconds?: number;
  breachedAt?: string;
  /** When the clock stopped for good or for now (response given, resolved, canceled). */
  stoppedAt?: string;
}
