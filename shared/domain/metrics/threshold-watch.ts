/**
 * Watching a binding's threshold over its points as they are ingested, one batch at a time: the
 * state carried between batches is small (breached or not, the streak against it, the last point
 * seen), so a run need not re-read history, and an ingest that re-reads an overlap of recent points
 * (as it must, CloudWatch revises them) counts none of them twice.
 */
import { breaches, type MetricPoint, type Threshold, timedPoints } from './metric-point.ts';

/** What the watch remembers between batches. */
export interface ThresholdState {
  breached: boolean;
  /** Consecutive points so far that contradict `breached`. */
  streak: number;
  /** `t` of the newest point already seen; older and equal points are not counted again. */
  lastT?: string;
}

/** The threshold opened (`breached`) or cleared, at the point that completed the streak. */
export interface ThresholdTransition {
  to: 'breached' | 'cleared';
  at: string;
  value: number;
}

/** The state before any point: not breached, no streak. */
export const INITIAL_THRESHOLD_STATE: ThresholdState = { breached: false, streak: 0 };

/**
 * Moves the watch over new points, oldest first. Points at or before `state.lastT` were seen
 * already and are skipped (so are repeats of one `t` within the batch). While not breached,
 * `forPeriods` consecutive breaching points breach it, at the last of them; while breached,
 * `forPeriods` consecutive healthy points clear it. A point agreeing with the current state resets
 * the streak. A gap in time between points does not: consecutive means consecutive points received,
 * since a missing period says nothing either way. `forPeriods` below 1 acts as 1.
 * @example
 * watchThreshold(INITIAL_THRESHOLD_STATE, [
 *   { t: '2025-01-01T00:00:00Z', v: 95 },
 *   { t: '2025-01-01T00:01:00Z', v: 97 },
 * ], { comparison: '>', value: 90, forPeriods: 2 }).transitions
 * // [{ to: 'breached', at: '2025-01-01T00:01:00Z', value: 97 }]
 */
export const watchThreshold = (
  state: ThresholdState,
  points: readonly MetricPoint[],
  threshold: Threshold,
): { state: ThresholdState; transitions: ThresholdTransition[] } => {
  const needed = Math.max(1, threshold.forPeriods);
  const transitions: ThresholdTransition[] = [];
  let { breached, streak, lastT } = state;
  let lastMs = lastT === undefined ? Number.NEGATIVE_INFINITY : Date.parse(lastT);
  for (const point of timedPoints(points)) {
    if (point.ms <= lastMs) continue;
    lastMs = point.ms;
    lastT = point.t;
    if (breaches(threshold, point.v) === breached) {
      streak = 0;
      continue;
    }
    streak += 1;
    if (streak >= needed) {
      breached = !breached;
      streak = 0;
      transitions.push({ to: breached ? 'breached' : 'cleared', at: point.t, value: point.v });
    }
  }
  return { state: lastT === undefined ? { breached, streak } : { breached, streak, lastT }, transitions };
};
