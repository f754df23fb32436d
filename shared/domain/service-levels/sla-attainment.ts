import type { SlaMetric, SlaStatus } from './sla-policy.ts';

/** One row of the SLA report: a policy at one priority. */
export interface SlaAttainment {
  recordType: string;
  policyId: string;
  metric: SlaMetric;
  /** The record's current priority; `null` for records without one (requests). */
  priority: number | null;
  total: number;
  met: number;
  breached: number;
  inProgress: number;
  canceled: number;
  /** met / (met + breached), 0..1; `null` while no clock has finished. */
  attainment: number | null;
  /** Business seconds to respond (response policies) or to resolve (resolution policies). */
  businessSeconds: { count: number; mean: number | null; p90: number | null };
}

/** One SLA of one record, as the report counts it. */
export interface SlaSample {
  recordType: string;
  priority: number | undefined;
  status: SlaStatus;
}

/**
 * The nearest-rank percentile of sorted values: the smallest value with at least `percent` % of
 * values at or below it. `null` for no values.
 *
 * @example nearestRank([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90); // 90
 */
export const nearestRank = (sorted: readonly number[], percent: number): number | null =>
  sorted.length === 0 ? null : (sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)] ?? null);

const emptyRow = (sample: SlaSample): SlaAttainment => ({
  recordType: sample.recordType,
  policyId: sample.status.policyId,
  metric: sample.status.metric,
  priority: sample.priority ?? null,
  total: 0,
  met: 0,
  breached: 0,
  inProgress: 0,
  canceled: 0,
  attainment: null,
  businessSeconds: { count: 0, mean: null, p90: null },
});

/**
 * Attainment per policy and priority. A finished clock (met, or breached and then stopped) adds its
 * business seconds to the time to respond or resolve; a breached clock still counting does not,
 * since its time is not known yet.
 *
 * @example
 * slaAttainment([{ recordType: 'incident', priority: 1, status }]); // [{ policyId, met: 1, attainment: 1, ... }]
 */
export const slaAttainment = (samples: Iterable<SlaSample>): SlaAttainment[] => {
  const rows = new Map<string, { row: SlaAttainment; seconds: number[] }>();
  for (const sample of samples) {
    const key = `${sample.recordType}|${sample.status.policyId}|${sample.priority ?? ''}`;
    const entry = rows.get(key) ?? { row: emptyRow(sample), seconds: [] };
    rows.set(key, entry);
    const { row } = entry;
    row.total++;
    const { state, stoppedAt, elapsedSeconds } = sample.status;
    if (state === 'met') row.met++;
    else if (state === 'breached') row.breached++;
    else if (state === 'canceled') row.canceled++;
    else row.inProgress++;
    if ((state === 'met' || state === 'breached') && stoppedAt !== undefined)
      entry.seconds.push(elapsedSeconds);
  }
  return [...rows.values()]
    .map(({ row, seconds }) => {
      const sorted = [...seconds].sort((a, b) => a - b);
      const finished = row.met + row.breached;
      return {
        ...row,
        attainment: finished === 0 ? null : Math.round((row.met / finished) * 10_000) / 10_000,
        businessSeconds: {
          count: sorted.length,
          mean: sorted.length === 0 ? null : Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
          p90: nearestRank(sorted, 90),
        },
      };
    })
    .sort(
      (a, b) =>
        a.recordType.localeCompare(b.recordType) ||
        a.policyId.localeCompare(b.policyId) ||
        (a.priority ?? 0) - (b.priority ?? 0),
    );
};
