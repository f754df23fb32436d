/**
 * Availability of a CI over a window: from an availability binding's points (healthy periods over
 * periods counted), or, for a CI with no such binding, from the outage intervals of its P1
 * incidents. The target, error budget and burn rates live in `error-budget.ts` and are re-exported
 * here, so callers import availability from one place.
 */
import {
  alignDown,
  breaches,
  type MetricPoint,
  type Threshold,
  type TreatMissingData,
  timedPoints,
} from './metric-point.ts';

export * from './error-budget.ts';

/** One whole period's verdict; `t` is the period start. */
export interface PeriodVerdict {
  t: string;
  healthy: boolean;
}

/** The verdict of a period without data: `undefined` leaves it out of the count. */
const MISSING_VERDICT: Record<TreatMissingData, boolean | undefined> = {
  missing: undefined,
  ignore: undefined,
  breaching: false,
  notBreaching: true,
};

/** Periods (epoch ms of each aligned start) lying wholly within [fromMs, toMs). */
const wholePeriods = (fromMs: number, toMs: number, periodMs: number): number[] => {
  const starts: number[] = [];
  const first = Math.ceil(fromMs / periodMs) * periodMs;
  for (let start = first; start + periodMs <= toMs; start += periodMs) starts.push(start);
  return starts;
};

/**
 * A verdict for every aligned period wholly within [from, to). A period is unhealthy when one of
 * its points breaches the threshold; with several points in one period (a binding whose period
 * changed, or unaligned points), one breaching point is enough. A period without points follows
 * `treatMissingData`: `missing` and `ignore` leave it out, `breaching` counts it unhealthy,
 * `notBreaching` healthy. Points outside [from, to) are ignored; unparsable times give no verdicts.
 * @example
 * periodVerdicts({ points: [{ t: '2025-01-01T00:00:00Z', v: 5 }], periodSeconds: 60,
 *   from: '2025-01-01T00:00:00Z', to: '2025-01-01T00:02:00Z',
 *   threshold: { comparison: '>', value: 1 }, treatMissingData: 'notBreaching' })
 * // [{ t: '2025-01-01T00:00:00.000Z', healthy: false }, { t: '2025-01-01T00:01:00.000Z', healthy: true }]
 */
export const periodVerdicts = (input: {
  points: readonly MetricPoint[];
  periodSeconds: number;
  from: string;
  to: string;
  threshold: Pick<Threshold, 'comparison' | 'value'>;
  treatMissingData: TreatMissingData;
}): PeriodVerdict[] => {
  const periodMs = input.periodSeconds * 1000;
  const fromMs = Date.parse(input.from);
  const toMs = Date.parse(input.to);
  if (!(periodMs > 0) || !Number.isFinite(fromMs) || !Number.isFinite(toMs)) return [];
  const breachedIn = new Map<number, boolean>();
  for (const point of timedPoints(input.points)) {
    if (point.ms < fromMs || point.ms >= toMs) continue;
    const start = alignDown(point.ms, input.periodSeconds);
    breachedIn.set(start, breachedIn.get(start) === true || breaches(input.threshold, point.v));
  }
  return wholePeriods(fromMs, toMs, periodMs).flatMap((start) => {
    const breached = breachedIn.get(start);
    const healthy = breached === undefined ? MISSING_VERDICT[input.treatMissingData] : !breached;
    return healthy === undefined ? [] : [{ t: new Date(start).toISOString(), healthy }];
  });
};

/** Availability over a window, with what it was counted from. */
export interface AvailabilitySummary {
  /** 0..1. */
  availability: number;
  downtimeSeconds: number;
  periodsCounted: number;
  unhealthyPeriods: number;
}

/**
 * Healthy periods over periods counted. With nothing counted (no data, all left out) nothing was
 * seen down, so availability is 1. Downtime is the unhealthy periods times the period.
 * @example
 * availabilityOfPeriods([
 *   { t: '2025-01-01T00:00:00.000Z', healthy: true },
 *   { t: '2025-01-01T00:01:00.000Z', healthy: false },
 * ], 60) // { availability: 0.5, downtimeSeconds: 60, periodsCounted: 2, unhealthyPeriods: 1 }
 */
export const availabilityOfPeriods = (
  verdicts: readonly PeriodVerdict[],
  periodSeconds: number,
): AvailabilitySummary => {
  const unhealthyPeriods = verdicts.filter((verdict) => !verdict.healthy).length;
  const periodsCounted = verdicts.length;
  return {
    availability: periodsCounted === 0 ? 1 : (periodsCounted - unhealthyPeriods) / periodsCounted,
    downtimeSeconds: unhealthyPeriods * periodSeconds,
    periodsCounted,
    unhealthyPeriods,
  };
};

/** A time interval [start, end), RFC 3339. */
export interface Interval {
  start: string;
  end: string;
}

/** Total ms covered by the intervals clipped to the window, overlaps counted once. */
const unionMs = (outages: readonly Interval[], window: Interval): number => {
  const windowStart = Date.parse(window.start);
  const windowEnd = Date.parse(window.end);
  const clipped = outages
    .map((o) => ({
      start: Math.max(Date.parse(o.start), windowStart),
      end: Math.min(Date.parse(o.end), windowEnd),
    }))
    .filter((o) => o.end > o.start)
    .sort((a, b) => a.start - b.start);
  let total = 0;
  let coveredTo = Number.NEGATIVE_INFINITY;
  for (const o of clipped) {
    const from = Math.max(o.start, coveredTo);
    if (o.end > from) total += o.end - from;
    coveredTo = Math.max(coveredTo, o.end);
  }
  return total;
};

/**
 * Seconds of the window covered by at least one outage: the intervals are clipped to the window
 * and overlapping ones counted once. Empty, reversed or unparsable intervals count nothing.
 * @example
 * outageSeconds(
 *   [
 *     { start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:00:10Z' },
 *     { start: '2025-01-01T00:00:05Z', end: '2025-01-01T00:00:15Z' },
 *   ],
 *   { start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:01:40Z' },
 * ) // 15
 */
export const outageSeconds = (outages: readonly Interval[], window: Interval): number =>
  unionMs(outages, window) / 1000;

/**
 * Availability as 1 minus the outage time over the window length; the basis for a CI without an
 * availability binding. No periods are involved, so `periodsCounted` and `unhealthyPeriods` are 0.
 * An empty or reversed window has availability 1.
 * @example
 * availabilityFromOutages(
 *   [{ start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:00:15Z' }],
 *   { start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:01:40Z' },
 * ).availability // 0.85
 */
export const availabilityFromOutages = (
  outages: readonly Interval[],
  window: Interval,
): AvailabilitySummary => {
  const windowMs = Date.parse(window.end) - Date.parse(window.start);
  const outageMs = windowMs > 0 ? unionMs(outages, window) : 0;
  return {
    availability: windowMs > 0 ? 1 - outageMs / windowMs : 1,
    downtimeSeconds: outageMs / 1000,
    periodsCounted: 0,
    unhealthyPeriods: 0,
  };
};
