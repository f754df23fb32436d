import type { Clock } from '#ports/clock.ts';
import type { CmdbReader } from '#ports/cmdb-reader.ts';
import type { CmdbStore } from '#ports/cmdb-store.ts';
import type { IdGenerator } from '#ports/id-generator.ts';
import type { RecordStore } from '#ports/record-store.ts';
import type { ServiceLevelStore } from '#ports/service-level-store.ts';

/** What every process needs; handlers build it once at module scope. */
export interface ProcessDependencies {
  store: RecordStore;
  clock: Clock;
  ids: IdGenerator;
  /** SLA policies, calendars and the due index; absent means no SLAs are attached. */
  serviceLevels?: ServiceLevelStore;
  /**
   * The CMDB as ITSM processes read it (change risk and conflicts); absent means no relationships.
   * `store` is its graph, for the CMDB's own processes and the health it keeps on incidents.
   */
  cmdb?: CmdbReader & { store?: CmdbStore };
  /** Where work that failed after a commit is reported (a follow-up the next change will redo). */
  reportFailure?: (what: string, error: unknown) => void;
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
