import type { ChangeType } from '../change.ts';
import type { ChangeWindow } from '../change-window.ts';

export const riskLevels = ['low', 'moderate', 'high'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const riskFactorCodes = [
  'services_impacted',
  'recent_incidents',
  'emergency_type',
  'change_window',
] as const;
export type RiskFactorCode = (typeof riskFactorCodes)[number];

/**
 * Why a change carries risk: a stable `code` for automation and a `detail` for people.
 * `riskReasons` on a change is a list of these, in factor order.
 */
export interface RiskReason {
  code: RiskFactorCode;
  detail: string;
}

/** What the caller looked up so the factors stay pure. */
export interface RiskInput {
  type: ChangeType;
  ciIds: readonly string[];
  plannedStart: string;
  plannedEnd: string;
  /** Distinct services the change's CIs impact through the CMDB; empty when the CMDB has no relationships. */
  impactedServiceIds: readonly string[];
  /** Incidents on the change's CIs (any age; the factor keeps the recent ones). */
  incidents: ReadonlyArray<{ id: string; ciId?: string; createdAt: string }>;
  /** Change windows around the change; the window factor reads the maintenance ones. */
  windows: readonly ChangeWindow[];
  now: string;
}

/** One risk factor: points and why, or `null` when it adds no risk. */
export type RiskFactor = (input: RiskInput) => { points: number; reason: RiskReason } | null;
