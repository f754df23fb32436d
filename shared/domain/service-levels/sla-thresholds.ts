import type { BusinessCalendar } from './business-calendar.ts';
import { addBusinessMs } from './business-time.ts';
import type { SlaPolicy, SlaStatus } from './sla-policy.ts';

/** A warning percentage or 100 (the breach) and the instant the clock reaches it. */
export interface ThresholdInstant {
  percent: number;
  at: string;
}

const thresholdsOf = (policy: SlaPolicy) => [...new Set([...policy.warnAt, 100])].sort((a, b) => a - b);

// Whole seconds are what SlaStatus carries; rounding the need up keeps a scheduled check from firing early.
const secondsNeeded = (policy: SlaPolicy, percent: number) =>
  Math.ceil((percent * policy.targetSeconds) / 100);

/**
 * When each threshold not yet reached will be, if the clock counts from `now` on (for a paused clock:
 * as if resumed now, like `dueAt`). Empty for a stopped clock. Never earlier than the true instant.
 *
 * @example
 * thresholdInstants(policy, undefined, status, now); // [{ percent: 75, at: '...' }, { percent: 100, at: '...' }]
 */
export const thresholdInstants = (
  policy: SlaPolicy,
  calendar: BusinessCalendar | undefined,
  status: SlaStatus,
  now: Date,
): ThresholdInstant[] => {
  if (status.state !== 'running' && status.state !== 'paused') return [];
  return thresholdsOf(policy)
    .filter((percent) => secondsNeeded(policy, percent) > status.elapsedSeconds)
    .map((percent) => {
      const missingMs = (secondsNeeded(policy, percent) - status.elapsedSeconds) * 1000;
      return { percent, at: new Date(addBusinessMs(calendar, now.getTime(), missingMs)).toISOString() };
    });
};

/**
 * The last instant with a four-digit year. Past it an ISO string reads `+010000-…`, which sorts
 * before every four-digit year: as a sweep time it would look due at once, on every sweep.
 */
const lastFourDigitYearMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * When the sweep should look at this clock next: the first threshold ahead of a running clock.
 * `undefined` for a paused or stopped clock, whose index entry the next state change rewrites,
 * and for a threshold after the year 9999 (a target of years on a calendar open minutes a week),
 * which no sweep will live to see.
 *
 * @example
 * nextSweepAt(policy, calendar, status, now); // '2026-06-15T09:00:00.000Z'
 */
export const nextSweepAt = (
  policy: SlaPolicy,
  calendar: BusinessCalendar | undefined,
  status: SlaStatus,
  now: Date,
): string | undefined => {
  if (status.state !== 'running') return undefined;
  const next = thresholdInstants(policy, calendar, status, now)[0]?.at;
  return next !== undefined && Date.parse(next) <= lastFourDigitYearMs ? next : undefined;
};

/**
 * Thresholds (warning percentages, then 100) this clock has reached and that were not emitted yet, in
 * order. A met or canceled clock owes nothing: a warning about a finished clock is noise.
 *
 * @example
 * // target 3600 s, warnAt [50, 75], 2880 s elapsed, 50 already emitted:
 * dueThresholds(policy, { ...status, elapsedSeconds: 2880 }, [50]); // [75]
 */
export const dueThresholds = (
  policy: SlaPolicy,
  status: SlaStatus,
  alreadyEmitted: readonly number[],
): number[] => {
  if (status.state === 'met' || status.state === 'canceled') return [];
  return thresholdsOf(policy).filter(
    (percent) => !alreadyEmitted.includes(percent) && status.elapsedSeconds >= secondsNeeded(policy, percent),
  );
};
