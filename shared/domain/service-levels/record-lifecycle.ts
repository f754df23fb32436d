import type { RecordKind } from '#domain/record/record.ts';

/**
 * The states of each record kind that the SLA clock reacts to. Adding a record kind (problem,
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
} as const satisfies Partial<Record<RecordKind, RecordLifecycle>>;

/** The record kinds that carry SLAs (an SLA policy's `recordType`). */
export type SlaRecordKind = keyof typeof RECORD_LIFECYCLES;

/**
 * Whether records of a kind carry SLAs.
 * @example carriesSlas('incident') // true
 */
export const carriesSlas = (kind: RecordKind): kind is SlaRecordKind =>
  Object.hasOwn(RECORD_LIFECYCLES, kind);
