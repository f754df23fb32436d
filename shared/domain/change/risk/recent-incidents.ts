import type { RiskFactor } from './risk-factor.ts';

export const recentIncidentDays = 30;

/**
 * CIs that broke recently are fragile. Counts incidents on the change's CIs created in the
 * last 30 days before `now`. 0: no points; 1-2: 1 point; 3 or more: 2 points.
 */
export const recentIncidents: RiskFactor = ({ incidents, ciIds, now }) => {
  const end = Date.parse(now);
  const since = end - recentIncidentDays * 24 * 60 * 60 * 1000;
  const count = incidents.filter((incident) => {
    const at = Date.parse(incident.createdAt);
    return incident.ciId !== undefined && ciIds.includes(incident.ciId) && at >= since && at <= end;
  }).length;
  if (count === 0) return null;
  return {
    points: count >= 3 ? 2 : 1,
    reason: {
      code: 'recent_incidents',
      detail: `${count} incidents on these CIs in the last ${recentIncidentDays} days`,
    },
  };
};
