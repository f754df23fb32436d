import { enforceRules, type Rule } from '#domain/record/enforce-rules.ts';
import { applyPatch } from '#domain/record/patch.ts';
import { type Actor, diffFields, type FieldChange } from '#domain/record/record.ts';
import { type Change, type ChangePatch, trackedChangeFields } from './change.ts';
import { findConflicts } from './change-conflicts.ts';
import type { RiskAssessment } from './change-risk.ts';
import type { SchedulingContext } from './conflicts/conflict.ts';
import { agentWorksChanges } from './rules/agent-works-changes.ts';
import { blackoutBlocksScheduling } from './rules/blackout-blocks-scheduling.ts';
import { causedIncidentsNeedFailure } from './rules/caused-incidents-need-failure.ts';
import { changeFollowsItsPath } from './rules/change-follows-its-path.ts';
import type { ChangeMove } from './rules/change-move.ts';
import { changeNeedsACi } from './rules/change-needs-a-ci.ts';
import { changeTitleRequired } from './rules/change-title-required.ts';
import { changeTypeIsKnown } from './rules/change-type-is-known.ts';
import { closingNeedsReviewOutcome } from './rules/closing-needs-review-outcome.ts';
import { finishedChangeIsReadOnly } from './rules/finished-change-is-read-only.ts';
import { plannedEndAfterStart } from './rules/planned-end-after-start.ts';
import { reviewFieldsOnlyInReview } from './rules/review-fields-only-in-review.ts';
import { scheduledOnlyByApproval } from './rules/scheduled-only-by-approval.ts';

/** The change rule pack: judged on every move, from a PATCH or from the approvals. */
export const changeRules: readonly Rule<ChangeMove>[] = [
  agentWorksChanges,
  finishedChangeIsReadOnly,
  changeFollowsItsPath,
  scheduledOnlyByApproval,
  blackoutBlocksScheduling,
  reviewFieldsOnlyInReview,
  changeTypeIsKnown,
  changeTitleRequired,
  changeNeedsACi,
  plannedEndAfterStart,
  closingNeedsReviewOutcome,
  causedIncidentsNeedFailure,
];

/**
 * What the caller looked up for this move. `scheduling`, when given, recomputes the conflicts
 * kept on the change (without it, those on record are judged); `risk`, when given, replaces
 * the change's risk (recompute it when CIs or the window change).
 */
export interface ChangeContext {
  scheduling?: SchedulingContext;
  risk?: RiskAssessment;
}

/** Builds the change after a move; the rules then judge it. */
export const nextChange = (
  change: Change,
  patch: ChangePatch,
  now: string,
  context: ChangeContext,
): Change => {
  const merged: Change = { ...applyPatch(change, patch), ...(context.risk ?? {}) };
  const conflicts = context.scheduling ? findConflicts(merged, context.scheduling) : merged.conflicts;
  const stamps =
    merged.state === change.state
      ? {}
      : merged.state === 'implement'
        ? { implementedAt: now }
        : merged.state === 'closed'
          ? { closedAt: now }
          : merged.state === 'canceled'
            ? { canceledAt: now }
            : {};
  return { ...merged, conflicts, ...stamps };
};

/** Judges a built move with the whole pack and reports its field changes. */
export const settleChange = (move: ChangeMove, now: string): { change: Change; changes: FieldChange[] } => {
  enforceRules(changeRules, move);
  const changes = diffFields(move.before, move.after, trackedChangeFields);
  return { change: changes.length > 0 ? { ...move.after, updatedAt: now } : move.before, changes };
};

/**
 * Applies a PATCH to a change (`PATCH /changes/{id}`) and returns the new change with its field
 * changes for history and the `Change Updated` event. The version is bumped by the store.
 * @throws DomainError 403 below agent; 409 off the type's path, `authorize → scheduled` by PATCH,
 *   scheduling a normal/standard change into a blackout (conflicts in `extensions`), a finished
 *   change, review fields outside review; 422 listing every invalid field.
 * @example applyChangePatch(change, { state: 'assess' }, agent, now, { scheduling }).change.state // 'assess'
 */
export const applyChangePatch = (
  change: Change,
  patch: ChangePatch,
  actor: Actor,
  now: string,
  context: ChangeContext = {},
): { change: Change; changes: FieldChange[] } =>
  settleChange(
    { before: change, after: nextChange(change, patch, now, context), patch, actor, via: 'patch' },
    now,
  );
