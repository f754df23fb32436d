import type { Priority } from '#domain/incident/priority.ts';

export const HEALTH_STATES = ['ok', 'degraded', 'down'] as const;
export type Health = (typeof HEALTH_STATES)[number];

/** A CI's own signals, as the use case reads them when one of them changes. */
export interface HealthSignals {
  /** Priorities of the incidents still open on the CI (resolved and closed ones are left out). */
  openIncidentPriorities: readonly Priority[];
  /** Thresholds of its metric bindings now breached; `critical` marks one that means an outage. */
  breachedThresholds: readonly { key: string; critical?: boolean }[];
}

const rank: Record<Health, number> = { ok: 0, degraded: 1, down: 2 };

/**
 * The worse of health states; `ok` for none.
 * @example worstHealth(['ok', 'degraded']) // 'degraded'
 */
export const worstHealth = (states: Iterable<Health>): Health => {
  let worst: Health = 'ok';
  for (const state of states) if (rank[state] > rank[worst]) worst = state;
  return worst;
};

/**
 * Health from the CI's own signals: an open P1 or P2 incident means `down`, a P3 to P5 means
 * `degraded`; a breached threshold means `degraded`, or `down` when marked critical (an
 * availability threshold is the usual one to mark). The worst signal wins.
 * @example ownHealth({ openIncidentPriorities: [3], breachedThresholds: [] }) // 'degraded'
 */
export const ownHealth = (signals: HealthSignals): Health =>
  worstHealth([
    ...signals.openIncidentPriorities.map((p): Health => (p <= 2 ? 'down' : 'degraded')),
    ...signals.breachedThresholds.map((t): Health => (t.critical ? 'down' : 'degraded')),
  ]);
