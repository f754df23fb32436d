import type { RecordBase } from '#domain/record/record.ts';
import type { ChangeConflict } from './conflicts/conflict.ts';
import type { RiskLevel, RiskReason } from './risk/risk-factor.ts';

export const changeTypes = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof changeTypes)[number];

/**
 * Change states (README, Problem, change and service-request management); which moves a change may
 * make depends on its type (`paths/`).
 */
export const changeStates = [
  'new',
  'assess',
  'authorize',
  'scheduled',
  'implement',
  'review',
  'closed',
  'canceled',
] as const;
export type ChangeState = (typeof changeStates)[number];

/** The post-implementation review's verdict, required to close a change. */
export const reviewOutcomes = ['successful', 'failed', 'backed_out'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

export interface ChangeApproval {
  approver: string;
  decision: 'approve' | 'reject';
  comment?: string;
  at: string;
}

export interface Change extends RecordBase {
  title: string;
  description?: string;
  type: ChangeType;
  state: ChangeState;
  ciIds: string[];
  plannedStart: string;
  plannedEnd: string;
  implementationPlan?: string;
  backoutPlan?: string;
  risk: RiskLevel;
  riskReasons: RiskReason[];
  approvals: ChangeApproval[];
  /**
   * Conflicts found when the change was last planned or scheduled; an emergency change keeps them
   * on record.
   */
  conflicts: ChangeConflict[];
  reviewOutcome?: ReviewOutcome;
  /** Incidents this change caused; only a failed or backed-out change lists any. */
  causedIncidentIds: string[];
  /** When it entered `implement`: incidents on its CIs in the day after list it as a finding. */
  implementedAt?: string;
  closedAt?: string;
  canceledAt?: string;
}

export interface NewChange {
  title: string;
  description?: string;
  type: ChangeType;
  ciIds: string[];
  plannedStart: string;
  plannedEnd: string;
  implementationPlan?: string;
  backoutPlan?: string;
}

/**
 * Fields a PATCH may set; `null` clears an optional field. `type`, `risk` and approvals are not
 * patchable.
 */
export interface ChangePatch {
  title?: string;
  description?: string | null;
  state?: ChangeState;
  ciIds?: string[];
  plannedStart?: string;
  plannedEnd?: string;
  implementationPlan?: string | null;
  backoutPlan?: string | null;
  reviewOutcome?: ReviewOutcome;
  causedIncidentIds?: string[];
}

/** The fields whose changes are recorded in history and events. */
export const trackedChangeFields = [
  'title',
  'description',
  'type',
  'state',
  'ciIds',
  'plannedStart',
  'plannedEnd',
  'implementationPlan',
  'backoutPlan',
  'risk',
  'riskReasons',
  'approvals',
  'conflicts',
  'reviewOutcome',
  'causedIncidentIds',
  'implementedAt',
  'closedAt',
  'canceledAt',
] as const satisfies readonly (keyof Change)[];
