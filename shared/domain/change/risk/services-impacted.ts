import type { RiskFactor } from './risk-factor.ts';

/**
 * The more services a change touches, the wider a failure spreads. Counts the distinct services
 * impacted through the CMDB; with no relationships, each CI of the change counts as one.
 * 0-1: no points; 2-4: 1 point; 5 or more: 2 points.
 */
export const servicesImpacted: RiskFactor = ({ impactedServiceIds, ciIds }) => {
  const services = new Set(impactedServiceIds.length > 0 ? impactedServiceIds : ciIds).size;
  if (services < 2) return null;
  const basis = impactedServiceIds.length > 0 ? 'services impacted through the CMDB' : 'CIs changed';
  return {
    points: services >= 5 ? 2 : 1,
    reason: { code: 'services_impacted', detail: `${services} ${basis}` },
  };
};
