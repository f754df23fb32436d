/**
 * Capacity forecast: a least-squares line through a capacity binding's points, and the time it
 * reaches the binding's limit. Times are epoch milliseconds (~1.8e12), so the fit is centred: times
 * and values are taken relative to the oldest point before summing, deviations from their means
 * are squared, and the line is kept as its value at the mean time. Every square and product stays
 * small, and a constant series gives deviations of exactly 0 (slope 0, r2 1), never a rounding
 * residue that would read as a trend.
 */
import { type MetricPoint, timedPoints } from './metric-point.ts';

const MS_PER_DAY = 86_400_000;
/** The largest epoch ms a `Date` can hold; a crossing beyond it is no forecast. */
const MAX_DATE_MS = 8.64e15;

/**
 * A fitted line `v = intercept + slopePerMs × (tMs − centreMs)`: `intercept` is the line's value at
 * `centreMs`, the mean time of the points (not at the epoch). Read it with {@link valueAt}.
 */
export interface LineFit {
  slopePerMs: number;
  intercept: number;
  centreMs: number;
  /** Coefficient of determination, 0..1; 1 on a perfect line, and for a constant series. */
  r2: number;
  points: number;
}

/**
 * Least-squares line through the points; `undefined` for fewer than 2 points or when all share one
 * time (no line is defined). `r2` is 1 when the values do not vary at all.
 * @example fitLine([{ t: '2025-01-01T00:00:00Z', v: 10 }, { t: '2025-01-01T01:00:00Z', v: 20 }])?.slopePerMs // 10 / 3_600_000
 */
export const fitLine = (points: readonly MetricPoint[]): LineFit | undefined => {
  const timed = timedPoints(points);
  const origin = timed[0]?.ms ?? 0;
  const base = timed[0]?.v ?? 0;
  const n = timed.length;
  if (n < 2) return undefined;
  const meanX = timed.reduce((sum, p) => sum + (p.ms - origin), 0) / n;
  const meanY = timed.reduce((sum, p) => sum + (p.v - base), 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of timed) {
    const dx = p.ms - origin - meanX;
    const dy = p.v - base - meanY;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return undefined;
  const r2 = syy === 0 ? 1 : Math.min(1, (sxy * sxy) / (sxx * syy));
  return { slopePerMs: sxy / sxx, intercept: base + meanY, centreMs: origin + meanX, r2, points: n };
};

/**
 * The fitted line's value at `tMs` (epoch ms).
 * @example valueAt({ slopePerMs: 1, intercept: 5, centreMs: 1000, r2: 1, points: 2 }, 1010) // 15
 */
export const valueAt = (fit: LineFit, tMs: number): number =>
  fit.intercept + fit.slopePerMs * (tMs - fit.centreMs);

/** The forecast for one capacity binding, as `GET /cis/{id}/capacity` reports it. */
export interface CapacityForecast {
  /** The newest point's value; `null` without points. */
  current: number | null;
  /** Slope of the fitted line per day; `null` without a line (fewer than 2 points). */
  slopePerDay: number | null;
  limit: number;
  exhaustionAt: string | null;
  method: 'least_squares';
  fit: { r2: number | null; points: number };
}

/** When the line reaches `limit`, rounded to the ms; `null` when it never does or lies beyond a Date. */
const crossing = (fit: LineFit, limit: number): string | null => {
  if (!(fit.slopePerMs > 0)) return null;
  const ms = Math.round(fit.centreMs + (limit - fit.intercept) / fit.slopePerMs);
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
};

/**
 * Least-squares forecast of when a capacity metric reaches `limit`. Points may come in any order.
 * `exhaustionAt` is the newest point's `t` (as given) when its value is already at or over the
 * limit; `null` with fewer than 2 points or a slope of zero or less; otherwise the time the fitted
 * line reaches the limit. That time can lie before the newest point when the newest value dipped
 * below a rising trend: the trend, not the last reading, is what the forecast reports.
 * @example
 * forecastCapacity([
 *   { t: '2025-01-01T00:00:00.000Z', v: 10 },
 *   { t: '2025-01-01T01:00:00.000Z', v: 20 },
 *   { t: '2025-01-01T02:00:00.000Z', v: 30 },
 * ], 50).exhaustionAt // '2025-01-01T04:00:00.000Z'
 */
export const forecastCapacity = (points: readonly MetricPoint[], limit: number): CapacityForecast => {
  const timed = timedPoints(points);
  const newest = timed.at(-1);
  const fit = fitLine(points);
  const exhaustionAt =
    newest === undefined ? null : newest.v >= limit ? newest.t : fit ? crossing(fit, limit) : null;
  return {
    current: newest?.v ?? null,
    slopePerDay: fit ? fit.slopePerMs * MS_PER_DAY : null,
    limit,
    exhaustionAt,
    method: 'least_squares',
    fit: { r2: fit?.r2 ?? null, points: timed.length },
  };
};

/**
 * True when the forecast reaches its limit no later than `horizonDays` after `nowIso` (a time
 * already past counts).
 * @example exhaustsWithin({ ...forecast, exhaustionAt: '2025-01-10T00:00:00.000Z' }, '2025-01-01T00:00:00.000Z', 14) // true
 */
export const exhaustsWithin = (forecast: CapacityForecast, nowIso: string, horizonDays: number): boolean =>
  forecast.exhaustionAt !== null &&
  Date.parse(forecast.exhaustionAt) <= Date.parse(nowIso) + horizonDays * MS_PER_DAY;
