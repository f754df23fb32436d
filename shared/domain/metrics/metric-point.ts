/**
 * A stored metric value: `t` is the start of its period (RFC 3339, UTC), `v` the statistic the
 * binding asks for over that period. A point is identified by its `t` within a binding.
 */
export interface MetricPoint {
  t: string;
  v: number;
}

export const COMPARISONS = ['>', '>=', '<', '<='] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** A binding's threshold: `forPeriods` consecutive breaching points open it, as many healthy ones clear it. */
export interface Threshold {
  comparison: Comparison;
  value: number;
  forPeriods: number;
}

/** How a period with no data counts, as in CloudWatch alarms (`missing` leaves it out). */
export const TREAT_MISSING_DATA = ['missing', 'breaching', 'notBreaching', 'ignore'] as const;
export type TreatMissingData = (typeof TREAT_MISSING_DATA)[number];

/**
 * True when `v` breaches the threshold: `v > value` for `'>'`, and so on.
 * @example breaches({ comparison: '>=', value: 90 }, 90) // true
 */
export const breaches = (threshold: Pick<Threshold, 'comparison' | 'value'>, v: number): boolean => {
  switch (threshold.comparison) {
    case '>':
      return v > threshold.value;
    case '>=':
      return v >= threshold.value;
    case '<':
      return v < threshold.value;
    case '<=':
      return v <= threshold.value;
  }
};

/**
 * Start (epoch ms) of the period holding `tMs`, periods aligned to multiples of `periodSeconds`
 * since the epoch, as CloudWatch aligns them.
 * @example alignDown(Date.parse('2025-01-01T10:07:30Z'), 300) // Date.parse('2025-01-01T10:05:00Z')
 */
export const alignDown = (tMs: number, periodSeconds: number): number => {
  const periodMs = periodSeconds * 1000;
  return Math.floor(tMs / periodMs) * periodMs;
};

/** A point with its time read as epoch ms. */
export interface TimedPoint {
  ms: number;
  t: string;
  v: number;
}

/**
 * The points with their times read, oldest first. Points whose `t` does not parse or whose `v` is
 * not a finite number carry no information and are dropped; the sort is stable, so points sharing
 * a `t` keep their input order.
 * @example timedPoints([{ t: '2025-01-01T01:00:00Z', v: 2 }, { t: '2025-01-01T00:00:00Z', v: 1 }])[0].v // 1
 */
export const timedPoints = (points: readonly MetricPoint[]): TimedPoint[] =>
  points
    .map((point) => ({ ms: Date.parse(point.t), t: point.t, v: point.v }))
    .filter((point) => Number.isFinite(point.ms) && Number.isFinite(point.v))
    .sort((a, b) => a.ms - b.ms);
