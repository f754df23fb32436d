/**
 * Availability targets, the error budget left, and how fast it burns: the multiwindow burn-rate
 * alerts of the Google SRE workbook (a fast burn pages within the hour, a slow one within hours).
 */
import type { PeriodVerdict } from './availability.ts';
import { alignDown } from './metric-point.ts';

/** Default availability target per service tier. */
export const TIER_TARGETS: Record<1 | 2 | 3 | 4, number> = { 1: 0.9995, 2: 0.999, 3: 0.995, 4: 0.99 };

const isTier = (tier: number | undefined): tier is 1 | 2 | 3 | 4 =>
  tier === 1 || tier === 2 || tier === 3 || tier === 4;

/** A target given as a number or numeric string, kept only when strictly between 0 and 1. */
const targetFrom = (raw: unknown): number | undefined => {
  const target =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return target > 0 && target < 1 ? target : undefined;
};

/**
 * The CI's availability target: its `availabilityTarget` attribute (a number or numeric string
 * strictly between 0 and 1) wins; an attribute outside that range is ignored and the target falls
 * back to the service tier's; `undefined` with neither.
 * @example availabilityTarget({ attributes: { availabilityTarget: '0.98' }, serviceTier: 1 }) // 0.98
 */
export const availabilityTarget = (ci: {
  attributes: Record<string, unknown>;
  serviceTier?: number;
}): number | undefined =>
  targetFrom(ci.attributes.availabilityTarget) ??
  (isTier(ci.serviceTier) ? TIER_TARGETS[ci.serviceTier] : undefined);

/**
 * Share of the error budget left: 1 − (1 − availability) / (1 − target). 0 when exactly spent,
 * negative when overspent. `target` must be below 1 (a target of 1 has no budget).
 * @example errorBudgetRemaining(0.9995, 0.999) // 0.5
 */
export const errorBudgetRemaining = (availability: number, target: number): number =>
  1 - (1 - availability) / (1 - target);

/** Burn-rate windows, in seconds. */
export const BURN_RATE_WINDOWS = {
  '5m': 300,
  '30m': 1800,
  '1h': 3600,
  '2h': 7200,
  '6h': 21600,
  '24h': 86400,
  '3d': 259200,
} as const;
export type BurnRateWindow = keyof typeof BURN_RATE_WINDOWS;

const WINDOW_NAMES = Object.keys(BURN_RATE_WINDOWS) as BurnRateWindow[];

/**
 * Error-budget burn rate per window: the unhealthy share of the periods counted in the window over
 * the budget (1 − target); 1 spends exactly the budget over the window. A window is the whole
 * periods that ended at or before `now`, as many as the window holds (rounded up, so at least one):
 * with 60 s periods, `5m` is the 5 newest finished periods; a window shorter than the period (`5m`
 * with 1-hour periods) is the newest finished period. Periods without a verdict are not counted;
 * `null` when a window counts none.
 * @example burnRates([{ t: '2025-01-01T00:04:00.000Z', healthy: false }], 60, '2025-01-01T00:05:00Z', 0.999)['5m'] // 1000
 */
export const burnRates = (
  verdicts: readonly PeriodVerdict[],
  periodSeconds: number,
  nowIso: string,
  target: number,
): Record<BurnRateWindow, number | null> => {
  const periodMs = periodSeconds * 1000;
  const end = alignDown(Date.parse(nowIso), periodSeconds);
  const timed = verdicts.map((verdict) => ({ ms: Date.parse(verdict.t), healthy: verdict.healthy }));
  const rateOver = (windowSeconds: number): number | null => {
    const start = end - Math.max(1, Math.ceil(windowSeconds / periodSeconds)) * periodMs;
    const counted = timed.filter((v) => v.ms >= start && v.ms + periodMs <= end);
    if (counted.length === 0) return null;
    const unhealthy = counted.filter((v) => !v.healthy).length;
    return unhealthy / counted.length / (1 - target);
  };
  return Object.fromEntries(WINDOW_NAMES.map((name) => [name, rateOver(BURN_RATE_WINDOWS[name])])) as Record<
    BurnRateWindow,
    number | null
  >;
};

/** A burn-rate alert: both windows of the pair burn faster than the speed's limit. */
export interface BurnAlert {
  speed: 'fast' | 'slow';
  windows: [BurnRateWindow, BurnRateWindow];
  rates: [number, number];
}

/** The multiwindow rules, checked in order: a long window for significance, a short one so it clears fast. */
export const BURN_ALERT_RULES = [
  { speed: 'fast', windows: ['1h', '5m'], over: 14.4 },
  { speed: 'slow', windows: ['6h', '30m'], over: 6 },
] as const satisfies readonly { speed: BurnAlert['speed']; windows: BurnAlert['windows']; over: number }[];

/**
 * The burn alert the rates raise: fast when `1h` and `5m` both burn over 14.4 (2% of a 30-day
 * budget in an hour), else slow when `6h` and `30m` both burn over 6 (5% in six hours); `undefined`
 * otherwise. A window with no rate (`null`) never alerts.
 * @example burnAlert({ ...rates, '1h': 20, '5m': 15 }) // { speed: 'fast', windows: ['1h', '5m'], rates: [20, 15] }
 */
export const burnAlert = (rates: Record<BurnRateWindow, number | null>): BurnAlert | undefined => {
  for (const rule of BURN_ALERT_RULES) {
    const [long, short] = rule.windows;
    const longRate = rates[long];
    const shortRate = rates[short];
    if (longRate !== null && shortRate !== null && longRate > rule.over && shortRate > rule.over)
      return { speed: rule.speed, windows: [long, short], rates: [longRate, shortRate] };
  }
  return undefined;
};
