/**
 * The states of each record type that the SLA clock reacts to. Adding a record type (problem,
 * change) means adding one row here.
 */
export interface RecordLifecycle {
  /** The state a record is created in; the response clock runs until the record first leaves it. */
  start: string;
  /** States at which the resolution clock stops; leaving them again (a reopen) continues it. */
  resolved: readonly string[];
  /** Terminal states: a clock still running here is canceled, a stopped one keeps its verdict. */
  ended: readonly string[];
}

export const RECORD_LIFECYCLES = {
  incident: { start: 'new', resolved: ['resolved'], ended: ['closed', 'canceled'] },
  request: { start: 'submitted', resolved: ['fulfilled'], ended: ['rejected', 'canceled'] },
} as const satisfies Record<string, RecordLifecycle>;

export type RecordType = keyof typeof RECORD_LIFECYCLES;
