import { overlaps } from '../time-interval.ts';
import { type ConflictRule, plannedInterval } from './conflict.ts';

/**
 * A blackout window overlapping the change's window, on one of its CIs; a window without
 * `ciIds` covers every CI, so it conflicts on each of the change's CIs.
 */
export const blackout: ConflictRule = (change, { windows }) =>
  windows
    .filter((window) => window.kind === 'blackout' && overlaps(plannedInterval(change), window))
    .flatMap((window) =>
      change.ciIds
        .filter((ciId) => !window.ciIds || window.ciIds.length === 0 || window.ciIds.includes(ciId))
        .map((ciId) => ({ kind: 'blackout' as const, windowId: window.id, ciId })),
    );
