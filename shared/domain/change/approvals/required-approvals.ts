import type { RiskLevel } from '../risk/risk-factor.ts';

/**
 * Approvals a change needs before it is scheduled: 2 when its risk is high, else 1 (API.md section 4).
 * @example requiredApprovals('high') // 2
 */
export const requiredApprovals = (risk: RiskLevel): number => (risk === 'high' ? 2 : 1);
