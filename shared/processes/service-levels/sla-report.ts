import { validationError } from '#domain/errors.ts';
import type { SlaRecordKind, SlaStatus } from '#domain/service-levels/index.ts';
import type { ServiceLevelConfig } from '#domain/service-levels/service-level-config.ts';
import { type SlaAttainment, type SlaSample, slaAttainment } from '#domain/service-levels/sla-attainment.ts';
import type { SlaSubject } from '#domain/service-levels/sla-subject.ts';
import { trackSlas } from '#domain/service-levels/sla-tracking.ts';
import { slaReportMaxDays } from '#schemas/service-levels.ts';
import type { ServiceLevelAdminDeps } from '../dependencies.ts';

export interface SlaReport {
  from: string;
  to: string;
  generatedAt: string;
  records: number;
  items: SlaAttainment[];
}

const reportedKinds: SlaRecordKind[] = ['incident', 'request'];

/**
 * The SLAs a record counts with in the report: only those attached to it (its `slas` entries),
 * recomputed from its timeline at the target each had when attached; an entry whose policy can no
 * longer be computed (its calendar gone) counts as stored.
 */
const reportedSlas = (
  config: ServiceLevelConfig,
  recordType: SlaRecordKind,
  record: SlaSubject,
  now: Date,
): SlaStatus[] => {
  const stored = record.slas as SlaStatus[];
  if (!record.slaTimeline) return stored;
  const recomputed = trackSlas(config, recordType, record.slaTimeline, record.slaEmitted ?? [], now, {
    attached: stored,
    attachNew: false,
  }).slas;
  return stored.map((entry) => recomputed.find((sla) => sla.policyId === entry.policyId) ?? entry);
};

/**
 * `GET /reports/sla`: attainment per policy and priority for records created in `[from, to)`,
 * read from each kind's creation index (Queries on a key range, never a scan). Only the SLAs
 * attached to a record count (a policy created later never judges an older record), each
 * recomputed from the record's timeline at report time with the target it had when attached, so a
 * clock the sweep has not visited yet is still counted right and a policy edit leaves the past alone.
 *
 * @example
 * await slaReport(deps, { from: new Date('2026-06-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') });
 */
export const slaReport = async (
  deps: ServiceLevelAdminDeps,
  range: { from: Date; to: Date },
): Promise<SlaReport> => {
  if (!(range.to > range.from)) throw validationError([{ path: 'to', message: 'must be after from' }]);
  if (range.to.getTime() - range.from.getTime() > slaReportMaxDays * 86_400_000)
    throw validationError([{ path: 'to', message: `must be at most ${slaReportMaxDays} days after from` }]);
  const now = deps.clock.now();
  const config = await deps.serviceLevels.config();
  const samples: SlaSample[] = [];
  let records = 0;
  for (const recordType of reportedKinds) {
    for await (const page of deps.serviceLevels.recordsCreated(recordType, range.from, range.to)) {
      for (const record of page as unknown as SlaSubject[]) {
        records++;
        const slas = reportedSlas(config, recordType, record, now);
        for (const status of slas) samples.push({ recordType, priority: record.priority, status });
      }
    }
  }
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    generatedAt: now.toISOString(),
    records,
    items: slaAttainment(samples),
  };
};
