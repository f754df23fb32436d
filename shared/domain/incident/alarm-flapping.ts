import type { AlarmState } from './incident.ts';

/** The window and the count of ALARM↔OK changes that make an alarm flap (README, Alarms to incidents). */
export const flappingWindowSeconds = 30 * 60;
export const flappingChanges = 5;

/**
 * The ALARM↔OK changes still inside the window after a state change at `at`: a change is a move
 * between ALARM and OK (INSUFFICIENT_DATA in between does not break it); anything older than the
 * window is forgotten.
 * @example recentFlips(['2027-01-01T10:00:00.000Z'], 'ALARM', 'OK', '2027-01-01T10:05:00.000Z').length // 2
 */
export const recentFlips = (
  flips: readonly string[],
  lastDecisive: 'ALARM' | 'OK' | undefined,
  state: AlarmState,
  at: string,
): string[] => {
  const since = Date.parse(at) - flappingWindowSeconds * 1000;
  const kept = flips.filter((flip) => Date.parse(flip) > since);
  const flipped = state !== 'INSUFFICIENT_DATA' && lastDecisive !== undefined && lastDecisive !== state;
  return flipped ? [...kept, at] : kept;
};

/**
 * Whether that many recent changes make the alarm flap.
 * @example isFlapping(['t1', 't2', 't3', 't4', 't5']) // true
 */
export const isFlapping = (flips: readonly string[]): boolean => flips.length >= flappingChanges;
