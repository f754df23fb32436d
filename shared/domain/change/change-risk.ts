import { changeWindow } from './risk/change-window.ts';
import { emergencyType } from './risk/emergency-type.ts';
import { recentIncidents } from './risk/recent-incidents.ts';
import type { RiskFactor, RiskInput, RiskLevel, RiskReason } from './risk/risk-factor.ts';
import { servicesImpacted } from './risk/services-impacted.ts';

/** The risk factors, composed here and nowhere else. */
export const riskFactors: readonly RiskFactor[] = [
  servicesImpacted,
  recentIncidents,
  emergencyType,
  changeWindow,
];

/** Points at or above which a change is moderate, then high. 0-1 low, 2-3 moderate, 4+ high. */
export const riskThresholds = { moderate: 2, high: 4 } as const;

export interface RiskAssessment {
  risk: RiskLevel;
  riskReasons: RiskReason[];
}

/**
 * A change's risk: the sum of every factor's points, banded by `riskThresholds`. For example
 * an emergency change alone is moderate; an emergency change touching 5 services is high.
 * @example assessChangeRisk({ type: 'emergency', ciIds: ['ci-1'], ...rest }).risk // 'moderate'
 */
export const assessChangeRisk = (input: RiskInput): RiskAssessment => {
  const findings = riskFactors.map((factor) => factor(input)).filter((finding) => finding !== null);
  const points = findings.reduce((sum, finding) => sum + finding.points, 0);
  const risk: RiskLevel =
    points >= riskThresholds.high ? 'high' : points >= riskThresholds.moderate ? 'moderate' : 'low';
  return { risk, riskReasons: findings.map((finding) => finding.reason) };
};
