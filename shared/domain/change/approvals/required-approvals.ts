import type { RiskLevel } from '../risk/risk-factor.ts';

/**
 * Approvals a change needs before it is scheduled: 2 when its risk is high, else 1 (README,
 * Problem, change and service-request management).
 * @example requiredApprovals('high') // 2
 */
export const requiredApprovals = (risk: RiskLevel): number => (risk === 'high' ? 2 : 1);
