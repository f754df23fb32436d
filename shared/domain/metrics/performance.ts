/**
 * Performance of a binding: p50/p95/p99 over a window, the same over a baseline (the 7 days before
 * the window), and whether the window left the baseline's band.
 *
 * Percentiles interpolate linearly between the closest ranks (Hyndman & Fan type 7, the default of
 * numpy and R): for n sorted values and p in 0..100 the rank is h = (n − 1)·p/100 and the result is
 * x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). So p0 is the minimum, p100 the maximum, p50 the median.
 *
 * Anomaly: the band is the baseline's median ± h, with h = max(3 × 1.4826 × MAD, 5% of |median|)
 * (MAD: median absolute deviation, scaled to estimate a standard deviation, so the band is ~3σ and
 * outliers in the baseline barely move it; the 5% floor keeps tiny noise on a flat baseline from
 * flagging). The window is an anomaly when its p50 lies outside the band, or when its p99 rises
 * above both the band's top and the baseline's own p99 by more than h (a tail that grew beyond what
 * the baseline's tail already did, by more than sampling noise of a short window). A window equal
 * to a constant baseline is never an anomaly; without a baseline or a window there is none.
 */

/** Latency-style percentiles. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** Names the anomaly rule, reported as `method` so a reader knows what `anomaly` means. */
export const PERFORMANCE_METHOD =
  'baseline-band:p50∉median±h|p99>max(median+h,baseline.p99)+h;h=max(3×1.4826×MAD,5%×|median|)';

/**
 * The p-th percentile (p in 0..100) of values sorted ascending, interpolating linearly between the
 * closest ranks (type 7). Throws a RangeError for no values or p outside 0..100.
 * @example percentile([1, 2, 3, 4], 50) // 2.5
 */
export const percentile = (sortedAscending: readonly number[], p: number): number => {
  const n = sortedAscending.length;
  if (n === 0) throw new RangeError('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0..100`);
  const rank = ((n - 1) * p) / 100;
  const index = Math.floor(rank);
  const below = sortedAscending[index] ?? Number.NaN;
  const fraction = rank - index;
  if (fraction === 0) return below;
  const above = sortedAscending[index + 1] ?? below;
  // Clamped: in floating point the interpolation could step a hair past its neighbours.
  return Math.min(above, Math.max(below, below + fraction * (above - below)));
};

const ascending = (values: readonly number[]): number[] =>
  values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);

/**
 * p50, p95 and p99 of the values (any order; values that are not finite numbers are left out);
 * `null` when none remain.
 * @example percentilesOf([3, 1, 2]) // { p50: 2, p95: 2.9, p99: 2.98 }
 */
export const percentilesOf = (values: readonly number[]): Percentiles | null => {
  const sorted = ascending(values);
  if (sorted.length === 0) return null;
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};

/** The baseline's band: its median ± `halfWidth`. */
export interface BaselineBand {
  median: number;
  halfWidth: number;
  low: number;
  high: number;
}

/**
 * The robust band of the baseline values: median ± max(3 × 1.4826 × MAD, 5% of |median|);
 * `null` without values.
 * @example baselineBand([100, 100, 100]) // { median: 100, halfWidth: 5, low: 95, high: 105 }
 */
export const baselineBand = (values: readonly number[]): BaselineBand | null => {
  const sorted = ascending(values);
  if (sorted.length === 0) return null;
  const median = percentile(sorted, 50);
  const mad = percentile(ascending(sorted.map((v) => Math.abs(v - median))), 50);
  const halfWidth = Math.max(3 * 1.4826 * mad, 0.05 * Math.abs(median));
  return { median, halfWidth, low: median - halfWidth, high: median + halfWidth };
};

/** The performance of one binding, as `GET /cis/{id}/performance` reports it. */
export interface PerformanceSummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  baseline: Percentiles | null;
  anomaly: boolean;
  method: string;
}

const isPercentiles = (window: readonly number[] | Percentiles): window is Percentiles =>
  !Array.isArray(window);

const isAnomaly = (window: Percentiles, baseline: Percentiles, band: BaselineBand): boolean =>
  window.p50 < band.low ||
  window.p50 > band.high ||
  window.p99 > Math.max(band.high, baseline.p99) + band.halfWidth;

/**
 * Percentiles of the window against the baseline's, and whether the window is an anomaly (rule in
 * the module doc and {@link PERFORMANCE_METHOD}). The window comes as raw values, or as percentiles
 * already computed (CloudWatch's own p95/p99 statistic); `null` or no values for no window.
 * @example summarisePerformance([100, 101, 99], [100, 100, 101, 99]).anomaly // false
 */
export const summarisePerformance = (
  window: readonly number[] | Percentiles | null,
  baseline: readonly number[],
): PerformanceSummary => {
  const current = window === null ? null : isPercentiles(window) ? window : percentilesOf(window);
  const baselinePercentiles = percentilesOf(baseline);
  const band = baselineBand(baseline);
  return {
    p50: current?.p50 ?? null,
    p95: current?.p95 ?? null,
    p99: current?.p99 ?? null,
    baseline: baselinePercentiles,
    anomaly:
      current !== null &&
      baselinePercentiles !== null &&
      band !== null &&
      isAnomaly(current, baselinePercentiles, band),
    method: PERFORMANCE_METHOD,
  };
};
