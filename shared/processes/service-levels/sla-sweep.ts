import { DomainError } from '#domain/errors.ts';
import type { FieldChange } from '#domain/record/record.ts';
import type { SlaStatus } from '#domain/sla/index.ts';
import type { OutboundEvent, RecordKind, RecordWrite } from '#ports/record-store.ts';
import { WriteConflict } from '#ports/record-store.ts';
import type { DueRecord, ServiceLevelConfig } from '#ports/service-level-store.ts';
import type { ProcessDependencies } from '../dependencies.ts';
import { emittedKey, type SlaSubject, slaRecordTypes } from './sla-subject.ts';
import { owedEmissions, type SlaEmission, trackSlas, withTracking } from './sla-tracking.ts';

/** What one sweep did; `npm run invoke -- sla-sweep` prints it. */
export interface SweepReport {
  at: string;
  dueRecords: number;
  itemsRead: number;
  queries: number;
  warnings: number;
  breaches: number;
  /** Due records another writer changed first; re-read and settled. */
  retried: number;
  /** Due records that could not be written; they stay due and the next sweep takes them again. */
  failed: number;
  /** The first failure, for the log. */
  firstFailure?: string;
}

type SweptRecord = SlaSubject & { id: string; number: string; version: number; updatedAt: string };

const parallelRecords = 8;
const maxAttempts = 4;
export const sweepActor = 'system:sla-sweep';

const states = (slas: readonly unknown[]) =>
  (slas as Partial<SlaStatus>[]).map(({ policyId, state }) => ({ policyId, state }));

/** The SLA event (API.md section 8 plus the threshold that was reached). */
const slaEvent = (
  deps: ProcessDependencies,
  kind: RecordKind,
  record: SweptRecord,
  emission: SlaEmission,
): RecordWrite => {
  const detail = {
    id: record.id,
    number: record.number,
    type: kind,
    version: record.version,
    record,
    policyId: emission.policy.id,
    metric: emission.policy.metric,
    percent: emission.percent,
    sla: record.slas.find((sla) => (sla as SlaStatus).policyId === emission.policy.id),
  };
  const event: OutboundEvent = {
    id: deps.ids.next(),
    detailType: emission.percent >= 100 ? 'SLA Breached' : 'SLA Warning',
    detail,
  };
  return { type: 'event', event };
};

/**
 * The writes that settle one due record at `now`, or nothing when it is not due any more: the
 * record (next version, SLAs recomputed, thresholds marked emitted, due entry moved), its history
 * line, and one event per threshold reached. They commit together, on the version read, so two
 * sweeps can never both announce a threshold: the second one loses the version race.
 */
export const settleDueRecord = (
  deps: ProcessDependencies,
  config: ServiceLevelConfig,
  kind: RecordKind,
  current: SweptRecord,
  now: Date,
): { writes: RecordWrite[]; emissions: SlaEmission[] } | undefined => {
  const recordType = slaRecordTypes[kind];
  if (!recordType || !current.slaTimeline) return undefined;
  if (current.slaNextCheckAt === undefined || current.slaNextCheckAt > now.toISOString()) return undefined;
  const emitted = current.slaEmitted ?? [];
  const tracking = trackSlas(config, recordType, current.slaTimeline, emitted, now);
  const emissions = owedEmissions(config, tracking.slas, emitted);
  const allEmitted = [...emitted, ...emissions.map((item) => emittedKey(item.policy.id, item.percent))];
  const after = trackSlas(config, recordType, current.slaTimeline, allEmitted, now);
  const next: SweptRecord = {
    ...withTracking(current, current.slaTimeline, after, allEmitted),
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  const changes: FieldChange[] =
    JSON.stringify(states(current.slas)) === JSON.stringify(states(next.slas))
      ? []
      : [{ field: 'slas', from: states(current.slas), to: states(next.slas) }];
  const writes: RecordWrite[] = [
    { type: 'update', kind, record: next, expectedVersion: current.version },
    {
      type: 'history',
      kind,
      recordId: next.id,
      entry: { version: next.version, at: now.toISOString(), actor: sweepActor, changes },
    },
    ...emissions.map((emission) => slaEvent(deps, kind, next, emission)),
  ];
  return { writes, emissions };
};

const settle = async (
  deps: ProcessDependencies,
  config: ServiceLevelConfig,
  due: DueRecord,
  now: Date,
  report: SweepReport,
) => {
  let current: SweptRecord | undefined = due.record as unknown as SweptRecord;
  for (let attempt = 1; current && attempt <= maxAttempts; attempt++) {
    const settled = settleDueRecord(deps, config, due.kind, current, now);
    if (!settled) return;
    try {
      await deps.store.commit(settled.writes);
      for (const { percent } of settled.emissions) {
        if (percent >= 100) report.breaches++;
        else report.warnings++;
      }
      return;
    } catch (error) {
      if (!(error instanceof WriteConflict) || error.reason !== 'version') throw error;
      // The index copy was stale or another sweep won: decide again on the current record.
      report.retried++;
      current = await deps.store.get<SweptRecord>(due.kind, due.record.id);
    }
  }
};

/**
 * The scheduled SLA sweep: reads the due index (a Query per shard, never a scan of open records),
 * recomputes each due clock from its record's timeline, emits `SLA Warning` at each `warnAt` and
 * `SLA Breached` at 100 % exactly once per record, policy and threshold, marks breached SLAs on the
 * record and moves its due entry to the next threshold (or drops it).
 * DynamoDB calls: one config Query, one Query per shard (more for pages), one transaction per due record.
 *
 * @example
 * const report = await sweepServiceLevels(deps); // { dueRecords: 3, warnings: 2, breaches: 1, ... }
 */
export const sweepServiceLevels = async (deps: ProcessDependencies): Promise<SweepReport> => {
  if (!deps.serviceLevels) throw new DomainError('not_found', 'Service level management is not wired');
  const now = deps.clock.now();
  const [scan, config] = await Promise.all([
    deps.serviceLevels.dueRecords(now),
    deps.serviceLevels.config({ fresh: true }),
  ]);
  const report: SweepReport = {
    at: now.toISOString(),
    dueRecords: scan.records.length,
    itemsRead: scan.itemsRead,
    queries: scan.queries,
    warnings: 0,
    breaches: 0,
    retried: 0,
    failed: 0,
  };
  const queue = [...scan.records];
  const worker = async () => {
    for (let due = queue.shift(); due; due = queue.shift()) {
      try {
        await settle(deps, config, due, now, report);
      } catch (error) {
        // One record must not hold up the others; its entry is still due, so nothing is lost.
        report.failed++;
        report.firstFailure ??= `${due.kind} ${due.record.id}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: parallelRecords }, worker));
  return report;
};
