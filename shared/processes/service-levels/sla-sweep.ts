import type { RecordKind } from '#domain/record/record.ts';
import { carriesSlas, type SlaStatus } from '#domain/service-levels/index.ts';
import type { ServiceLevelConfig } from '#domain/service-levels/service-level-config.ts';
import { emittedKey, type SlaSubject } from '#domain/service-levels/sla-subject.ts';
import {
  owedEmissions,
  type SlaEmission,
  trackSlas,
  withTracking,
} from '#domain/service-levels/sla-tracking.ts';
import { type OutboundEvent, WriteConflict, WriteContention } from '#ports/record-store.ts';
import type { ClockSettlement, DueRecord } from '#ports/service-level-store.ts';
import { writeRetry } from '#ports/write-retry.ts';
import type { RecordDeps, SweepDeps } from '../dependencies.ts';

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

type SweptRecord = SlaSubject & { id: string; number: string; version: number } & Record<string, unknown>;

const parallelRecords = 8;

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
 * What settles one due record at `now`, or nothing when it is not due any more: the record with its
 * SLAs recomputed, the thresholds reached marked emitted and its due entry moved (same version: a
 * sweep visit is bookkeeping, not a change of the record, so it has no history line and leaves a
 * client's ETag valid), and one event per threshold reached, carrying the record's current version.
 * `emitted` is every threshold announced so far (the record's copy, or the authoritative set after
 * a lost race).
 * @example settleDueRecord(deps, config, 'incident', incident, now)?.emissions // [{ policy, percent: 75 }]
 */
export const settleDueRecord = (
  deps: Pick<RecordDeps, 'ids'>,
  config: ServiceLevelConfig,
  kind: RecordKind,
  current: SweptRecord,
  now: Date,
): { settlement: ClockSettlement; emissions: SlaEmission[] } | undefined => {
  if (!carriesSlas(kind) || !current.slaTimeline) return undefined;
  if (current.slaNextCheckAt === undefined || current.slaNextCheckAt > now.toISOString()) return undefined;
  const emitted = current.slaEmitted ?? [];
  const scope = { attached: current.slas, attachNew: false };
  const tracking = trackSlas(config, kind, current.slaTimeline, emitted, now, scope);
  const emissions = owedEmissions(config, tracking.slas, emitted);
  const announced = emissions.map((item) => emittedKey(item.policy.id, item.percent));
  const allEmitted = [...emitted, ...announced];
  const after = trackSlas(config, kind, current.slaTimeline, allEmitted, now, scope);
  const next: SweptRecord = withTracking(current, current.slaTimeline, after, allEmitted);
  return {
    settlement: {
      kind,
      record: next,
      announced,
      events: emissions.map((emission) => slaEvent(deps, kind, next, emission)),
    },
    emissions,
  };
};

const lostRace = (error: unknown) => error instanceof WriteConflict || error instanceof WriteContention;

/**
 * Settles one due record. The first attempt trusts the due index's copy of the record; a lost
 * race (a client changed the record, another sweep announced first, or the record's copy of the
 * announced thresholds was stale) reads the record and the announced thresholds again and decides
 * anew. What stays unsettled is still due, and the next sweep takes it again.
 */
const settle = async (
  deps: SweepDeps,
  config: ServiceLevelConfig,
  due: DueRecord,
  now: Date,
  report: SweepReport,
) => {
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) report.retried++;
    const current =
      attempt === 1
        ? (due.record as unknown as SweptRecord)
        : await deps.store.get<SweptRecord>(due.kind, due.record.id);
    if (!current) return;
    const emitted =
      attempt === 1
        ? current.slaEmitted
        : [
            ...new Set([
              ...(current.slaEmitted ?? []),
              ...(await deps.slaClocks.announcedThresholds(due.kind, current.id)),
            ]),
          ];
    const settled = settleDueRecord(deps, config, due.kind, { ...current, slaEmitted: emitted }, now);
    if (!settled) return;
    try {
      await deps.slaClocks.settleClock(settled.settlement);
    } catch (error) {
      if (!lostRace(error) || attempt >= writeRetry.attempts) throw error;
      await writeRetry.pause(attempt);
      continue;
    }
    for (const { percent } of settled.emissions) {
      if (percent >= 100) report.breaches++;
      else report.warnings++;
    }
    return;
  }
};

/**
 * The scheduled SLA sweep: reads the due index (a Query per shard, never a scan of open records),
 * recomputes each due clock from its record's timeline, emits `SLA Warning` at each `warnAt` and
 * `SLA Breached` at 100 % exactly once per record, policy and threshold, marks breached SLAs on the
 * record and moves its due entry to the next threshold (or drops it), all without a new version
 * of the record. DynamoDB calls: one config Query, one Query per shard (more for pages), one
 * transaction per due record (a lost race adds a GetItem of the record and one of its announced
 * thresholds, and another transaction).
 *
 * @example
 * const report = await sweepServiceLevels(deps); // { dueRecords: 3, warnings: 2, breaches: 1, ... }
 */
export const sweepServiceLevels = async (deps: SweepDeps): Promise<SweepReport> => {
  const now = deps.clock.now();
  const [scan, config] = await Promise.all([
    deps.slaClocks.dueRecords(now),
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
