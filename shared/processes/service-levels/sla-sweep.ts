import type { FieldChange, RecordKind } from '#domain/record/record.ts';
import { carriesSlas, type SlaStatus } from '#domain/service-levels/index.ts';
import type { ServiceLevelConfig } from '#domain/service-levels/service-level-config.ts';
import { emittedKey, type SlaSubject } from '#domain/service-levels/sla-subject.ts';
import {
  owedEmissions,
  type SlaEmission,
  trackSlas,
  withTracking,
} from '#domain/service-levels/sla-tracking.ts';
import type { OutboundEvent } from '#ports/record-store.ts';
import type { DueRecord } from '#ports/service-level-store.ts';
import type { RecordDeps, SweepDeps } from '../dependencies.ts';
import { type RecordRevision, writeVersioned } from '../versioned-write.ts';

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
export const sweepActor = 'system:sla-sweep';

const states = (slas: readonly unknown[]) =>
  (slas as Partial<SlaStatus>[]).map(({ policyId, state }) => ({ policyId, state }));

/** The SLA event (README, Events), plus the threshold that was reached. */
const slaEvent = (
  deps: Pick<RecordDeps, 'ids'>,
  kind: RecordKind,
  record: SweptRecord,
  emission: SlaEmission,
): OutboundEvent => {
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
  return {
    id: deps.ids.next(),
    detailType: emission.percent >= 100 ? 'SLA Breached' : 'SLA Warning',
    detail,
  };
};

/**
 * The version that settles one due record at `now`, or nothing when it is not due any more: the
 * record (next version, SLAs recomputed, thresholds marked emitted, due entry moved), its history
 * line, and one event per threshold reached. It commits as one versioned write on the version
 * read, so two sweeps can never both announce a threshold: the second one loses the race.
 * @example settleDueRecord(deps, config, 'incident', incident, now)?.emissions // [{ policy, percent: 75 }]
 */
export const settleDueRecord = (
  deps: Pick<RecordDeps, 'ids'>,
  config: ServiceLevelConfig,
  kind: RecordKind,
  current: SweptRecord,
  now: Date,
): { revision: RecordRevision<SweptRecord>; emissions: SlaEmission[] } | undefined => {
  if (!carriesSlas(kind) || !current.slaTimeline) return undefined;
  if (current.slaNextCheckAt === undefined || current.slaNextCheckAt > now.toISOString()) return undefined;
  const emitted = current.slaEmitted ?? [];
  const tracking = trackSlas(config, kind, current.slaTimeline, emitted, now);
  const emissions = owedEmissions(config, tracking.slas, emitted);
  const allEmitted = [...emitted, ...emissions.map((item) => emittedKey(item.policy.id, item.percent))];
  const after = trackSlas(config, kind, current.slaTimeline, allEmitted, now);
  const next: SweptRecord = {
    ...withTracking(current, current.slaTimeline, after, allEmitted),
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  const changes: FieldChange[] =
    JSON.stringify(states(current.slas)) === JSON.stringify(states(next.slas))
      ? []
      : [{ field: 'slas', from: states(current.slas), to: states(next.slas) }];
  const revision: RecordRevision<SweptRecord> = {
    kind,
    record: next,
    actor: sweepActor,
    changes,
    at: now.toISOString(),
    events: emissions.map((emission) => slaEvent(deps, kind, next, emission)),
  };
  return { revision, emissions };
};

/**
 * Settles one due record as a versioned write: the first attempt trusts the due index's copy,
 * a lost race reads the record again and decides anew (another sweep may have settled it).
 */
const settle = async (
  deps: SweepDeps,
  config: ServiceLevelConfig,
  due: DueRecord,
  now: Date,
  report: SweepReport,
) => {
  const emissions = await writeVersioned<SlaEmission[]>(deps, {
    what: due.kind,
    attempt: async (attempt) => {
      if (attempt > 1) report.retried++;
      const current =
        attempt === 1
          ? (due.record as unknown as SweptRecord)
          : await deps.store.get<SweptRecord>(due.kind, due.record.id);
      const settled = current && settleDueRecord(deps, config, due.kind, current, now);
      if (!settled) return { done: [] };
      return { revisions: [settled.revision], result: settled.emissions };
    },
  });
  for (const { percent } of emissions) {
    if (percent >= 100) report.breaches++;
    else report.warnings++;
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
export const sweepServiceLevels = async (deps: SweepDeps): Promise<SweepReport> => {
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
