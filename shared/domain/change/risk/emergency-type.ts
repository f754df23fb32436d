import type { RiskFactor } from './risk-factor.ts';

/** An emergency change skips assessment and is rushed: 2 points. */
export const emergencyType: RiskFactor = ({ type }) =>
  type === 'emergency'
    ? { points: 2, reason: { code: 'emergency_type', detail: 'Emergency change: assessment is skipped' } }
    : null;
