/** A change implemented on a CI: the trace it leaves for incidents (see `recentChangeFindings`). */
export interface ChangeFootprint {
  ciId: string;
  changeId: string;
  number: string;
  /** When it entered `implement`. */
  at: string;
}

/** Why a change is a finding: it was implemented on the incident's CI or on a CI it needs. */
export type FindingReason = 'implemented_on_ci' | 'implemented_on_dependency';

/** A recent change that may have caused the incident (README, Change correlation). */
export interface RecentChangeFinding {
  kind: 'recent_change';
  changeId: string;
  number: string;
  ciId: string;
  /** 0: the incident's own CI; 1..3: a CI it needs, that many relationships away. */
  distance: number;
  at: string;
  reason: FindingReason;
}

/** How far back from the incident's opening, and how deep into what its CI needs, changes count. */
export const findingsLookbackSeconds = 86_400;
export const findingsDepth = 3;

/**
 * The changes implemented on the CIs reached (the incident's CI at distance 0, what it needs
 * beyond), one finding per change at its nearest CI; nearest first, then newest first.
 * @example recentChangeFindings([{ ciId: 'db', distance: 1 }], new Map([['db', [footprint]]]))
 *   // [{ kind: 'recent_change', changeId, number, ciId: 'db', distance: 1, at, reason: 'implemented_on_dependency' }]
 */
export const recentChangeFindings = (
  reached: ReadonlyArray<{ ciId: string; distance: number }>,
  footprints: ReadonlyMap<string, readonly ChangeFootprint[]>,
): RecentChangeFinding[] => {
  const nearest = new Map<string, RecentChangeFinding>();
  for (const { ciId, distance } of reached)
    for (const footprint of footprints.get(ciId) ?? []) {
      const known = nearest.get(footprint.changeId);
      if (known && known.distance <= distance) continue;
      nearest.set(footprint.changeId, {
        kind: 'recent_change',
        changeId: footprint.changeId,
        number: footprint.number,
        ciId,
        distance,
        at: footprint.at,
        reason: distance === 0 ? 'implemented_on_ci' : 'implemented_on_dependency',
      });
    }
  return [...nearest.values()].sort(
    (a, b) =>
      a.distance - b.distance ||
      (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) ||
      (a.changeId < b.changeId ? -1 : 1),
  );
};
