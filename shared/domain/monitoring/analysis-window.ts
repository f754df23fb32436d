/** Seconds per unit of an analysis window (`30m`, `6h`, `14d`). */
const unitSeconds = { m: 60, h: 3_600, d: 86_400 } as const;

/**
 * The seconds an analysis window names: a whole number of minutes, hours or days.
 * @example windowSeconds('14d') // 1_209_600
 */
export const windowSeconds = (window: string): number => {
  const match = /^([1-9]\d{0,3})([mhd])$/.exec(window);
  if (!match) throw new RangeError(`Not an analysis window: ${window}`);
  return Number(match[1]) * unitSeconds[match[2] as keyof typeof unitSeconds];
};

/** The span [from, to) of a window ending now, as ISO strings. */
export interface Span {
  from: string;
  to: string;
}

/**
 * The span of a window that ends at `nowIso`, optionally shifted back by `offsetSeconds`.
 * @example spanEnding('2026-11-28T12:00:00.000Z', 3600) // { from: '2026-11-28T11:00:00.000Z', to: '2026-11-28T12:00:00.000Z' }
 */
export const spanEnding = (nowIso: string, seconds: number, offsetSeconds = 0): Span => {
  const to = Date.parse(nowIso) - offsetSeconds * 1000;
  return { from: new Date(to - seconds * 1000).toISOString(), to: new Date(to).toISOString() };
};

/** Deployment settings of the operations analyses (construct props, local defaults). */
export interface OperationsSettings {
  /** `CAPACITY_HORIZON_DAYS`: exhaustion within this many days raises a forecast. */
  capacityHorizonDays: number;
  /** `METRIC_RETENTION_DAYS`: metric points expire after this many days. */
  retentionDays: number;
}

export const defaultOperationsSettings: OperationsSettings = { capacityHorizonDays: 14, retentionDays: 35 };

/** What a capacity forecast must rest on before it raises anything (README, IT operations). */
export const actionableForecast = { minPoints: 12, minSpanSeconds: 3_600, minR2: 0.5 } as const;

/**
 * Whether a forecast is evidence enough to announce and open a problem: at least 12 points over at
 * least an hour of periods and a fit with r² of 0.5 or more; a line through two samples of a
 * process that just started is not a trend.
 * @example isActionableForecast({ points: 60, r2: 0.98 }, 60) // true
 */
export const isActionableForecast = (
  fit: { points: number; r2: number | null },
  periodSeconds: number,
): boolean =>
  fit.points >= actionableForecast.minPoints &&
  fit.points * periodSeconds >= actionableForecast.minSpanSeconds &&
  (fit.r2 ?? 0) >= actionableForecast.minR2;
