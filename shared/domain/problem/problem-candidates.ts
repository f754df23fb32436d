/** The part of an incident the candidate search reads. */
export interface CandidateIncident {
  id: string;
  ciId?: string;
  createdAt: string;
  problemId?: string;
}

export interface ProblemCandidate {
  ciId: string;
  incidentIds: string[];
  firstAt: string;
  lastAt: string;
}

/** How many incidents on one CI make a pattern worth a problem, and over how long. */
export const candidateMinimum = 3;
export const candidateWindowMs = 7 * 24 * 60 * 60 * 1000;

/**
 * Groups of 3 or more incidents on the same CI created within the last 7 days (the window
 * [now - 7 days, now], inclusive) that no problem links yet (`GET /problems/candidates`).
 * Groups are sorted by CI id; each group's incidents oldest first.
 * @example problemCandidates(incidents, '2026-11-24T09:00:00.000Z') // [{ ciId, incidentIds, firstAt, lastAt }]
 */
export const problemCandidates = (
  incidents: readonly CandidateIncident[],
  now: string,
): ProblemCandidate[] => {
  const end = Date.parse(now);
  const byCi = new Map<string, CandidateIncident[]>();
  for (const incident of incidents) {
    const at = Date.parse(incident.createdAt);
    if (!incident.ciId || incident.problemId || !(at >= end - candidateWindowMs && at <= end)) continue;
    byCi.set(incident.ciId, [...(byCi.get(incident.ciId) ?? []), incident]);
  }
  return [...byCi.entries()]
    .filter(([, group]) => group.length >= candidateMinimum)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ciId, group]) => {
      const sorted = [...group].sort(
        (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id),
      );
      return {
        ciId,
        incidentIds: sorted.map((incident) => incident.id),
        firstAt: sorted[0]?.createdAt ?? now,
        lastAt: sorted[sorted.length - 1]?.createdAt ?? now,
      };
    });
};
