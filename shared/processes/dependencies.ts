import type { OperationsSettings } from '#domain/monitoring/analysis-window.ts';
import type { Clock } from '#ports/clock.ts';
import type { CmdbReader } from '#ports/cmdb-reader.ts';
import type { CmdbGraph, CmdbStore } from '#ports/cmdb-store.ts';
import type { IdGenerator } from '#ports/id-generator.ts';
import type { MetricSource } from '#ports/metric-source.ts';
import type { MetricStore } from '#ports/metric-store.ts';
import type { AlarmRecordStore, RecordStore } from '#ports/record-store.ts';
import type {
  ServiceLevelConfigSource,
  ServiceLevelStore,
  SlaClockStore,
} from '#ports/service-level-store.ts';

/**
 * Each use case states exactly what it needs as an intersection of these small types, every
 * field required: a wiring that lacks one does not compile, instead of failing a client at run
 * time. Handlers build theirs once at module scope (`#adapters/process-dependencies.ts`).
 */

/** What every record process needs: the ITSM store, the time, new ids. */
export interface RecordDeps {
  store: RecordStore;
  clock: Clock;
  ids: IdGenerator;
}

/** SLA policies and calendars, as the processes that keep SLAs on records read them. */
export interface ServiceLevelDeps {
  serviceLevels: ServiceLevelConfigSource;
}

/** The CMDB as ITSM processes read it: change risk and conflicts. */
export interface CmdbReaderDeps {
  cmdb: CmdbReader;
}

/** The CMDB with its graph: walks, the health it keeps on incidents, change findings. */
export interface CmdbDeps {
  cmdb: CmdbReader & { store: CmdbGraph };
}

/** The CMDB with its whole store: its own processes (CIs, relationships, discovery, external ids). */
export interface CmdbStoreDeps {
  cmdb: CmdbReader & { store: CmdbStore };
}

/** Where work that failed after a commit is reported (a follow-up the next change will redo). */
export interface FailureReporting {
  reportFailure: (what: string, error: unknown) => void;
}

/** Incidents: their enrichers keep SLAs and CMDB health, with follow-ups past the transaction. */
export type IncidentDeps = RecordDeps & ServiceLevelDeps & CmdbDeps & FailureReporting;
/** Service requests: their enricher keeps SLAs. */
export type RequestDeps = RecordDeps & ServiceLevelDeps;
/** Changes: risk and conflicts read the CMDB; linked incidents take no enricher. */
export type ChangeDeps = RecordDeps & CmdbReaderDeps;
/** Problems: resolving one resolves its incidents, with the incidents' enrichers. */
export type ProblemDeps = IncidentDeps;
/** The CMDB's own processes: CIs, relationships, discovery, health. */
export type ConfigurationDeps = RecordDeps & CmdbStoreDeps;
/** The SLA sweep: due records settled in the record store. */
/** The sweep's due clocks and their settlement. */
export interface SlaClockDeps {
  slaClocks: SlaClockStore;
}

export type SweepDeps = RecordDeps & ServiceLevelDeps & SlaClockDeps;
/** SLA administration and reports: the whole service level store and the time. */
export type ServiceLevelAdminDeps = Pick<RecordDeps, 'clock'> & { serviceLevels: ServiceLevelStore };

/** Metric bindings and their points, beside the CI records they belong to. */
export interface MetricStoreDeps {
  metrics: MetricStore;
}

/** Where metric values come from (CloudWatch), and the analyses' deployment settings. */
export interface MetricSourceDeps {
  metricSource: MetricSource;
  operations: OperationsSettings;
}

/** Metric bindings over HTTP: history on the CI, points. */
export type MetricDeps = RecordDeps & MetricStoreDeps;
/** Capacity, availability (incidents on what a CI needs, through the CMDB) and performance. */
export type MetricAnalysisDeps = MetricDeps & CmdbDeps & MetricSourceDeps;

/** Every capability at once: what the full production wiring provides. */
export type ProcessDependencies = IncidentDeps & ChangeDeps & ConfigurationDeps & SweepDeps;

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

/** How alarms act on incidents, per deployment (README, Configuration). */
export interface AlarmSettings {
  /** An OK resolves the incident nobody else changed, unless it flaps (`ALARM_AUTO_RESOLVE`). */
  autoResolve: boolean;
  /** An ALARM joins an alarm incident opened this recently on a shared service (`ALARM_GROUP_WINDOW_SECONDS`). */
  groupWindowSeconds: number;
}

/**
 * Alarms and thresholds opening and clearing incidents: the incident wiring over the record store
 * that keeps alarm guard items and the CMDB store (an alarm finds its CI by external id), and the
 * alarm settings.
 */
export type AlarmDeps = IncidentDeps & CmdbStoreDeps & { store: AlarmRecordStore; alarms: AlarmSettings };
