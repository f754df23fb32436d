import type { Clock } from '#ports/clock.ts';
import type { IdGenerator } from '#ports/id-generator.ts';
import type { RecordStore } from '#ports/record-store.ts';

/** What every process needs; handlers build it once at module scope. */
export interface ProcessDependencies {
  store: RecordStore;
  clock: Clock;
  ids: IdGenerator;
}

/** A process result the HTTP layer maps to a response. */
export interface Outcome<T> {
  status: number;
  body: T;
  /** True when an idempotency key replayed an earlier response. */
  replayed?: boolean;
}

export interface IdempotencyRequest {
  key: string;
  /** Hash of what the key promised: method, path and body. */
  fingerprint: string;
}
