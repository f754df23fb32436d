import type { RecordBase } from '#domain/record/record.ts';

/**
 * Problem states (README, Problem, change and service-request management). `canceled` is reachable
 * from every open state, as ServiceNow allows a problem to be canceled at any point before it is
 * resolved.
 */
export const problemStates = [
  'new',
  'assess',
  'root_cause_analysis',
  'fix_in_progress',
  'resolved',
  'closed',
  'canceled',
] as const;
export type ProblemState = (typeof problemStates)[number];

export interface Problem extends RecordBase {
  title: string;
  description?: string;
  state: ProblemState;
  ciId?: string;
  incidentIds: string[];
  assignee?: string;
  rootCause?: string;
  workaround?: string;
  /** A known error (KEDB entry) always has a non-empty `rootCause` and `workaround`. */
  knownError: boolean;
  resolvedAt?: string;
  closedAt?: string;
  /** What raised it when not a person (`capacity_forecast`). */
  source?: ProblemSource;
  /** The metric binding a capacity forecast problem is about. */
  metricKey?: string;
}

/** Raisers of problems other than people: ITOM insight feeding problem management. */
export type ProblemSource = 'capacity_forecast';

export interface NewProblem {
  title: string;
  description?: string;
  ciId?: string;
  incidentIds?: string[];
  source?: ProblemSource;
  metricKey?: string;
}

/** Fields a PATCH may set; `null` clears an optional field (JSON merge patch). */
export interface ProblemPatch {
  title?: string;
  description?: string | null;
  state?: ProblemState;
  ciId?: string | null;
  assignee?: string | null;
  rootCause?: string | null;
  workaround?: string | null;
  knownError?: boolean;
}

/** The fields whose changes are recorded in history and events. */
export const trackedProblemFields = [
  'title',
  'description',
  'state',
  'ciId',
  'incidentIds',
  'assignee',
  'rootCause',
  'workaround',
  'knownError',
  'resolvedAt',
  'closedAt',
] as const satisfies readonly (keyof Problem)[];

/** True when the text holds more than whitespace. */
export const isFilled = (text: string | undefined): text is string => (text ?? '').trim().length > 0;
