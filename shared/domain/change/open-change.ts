import { enforceRules } from '#domain/record/enforce-rules.ts';
import type { Actor } from '#domain/record/record.ts';
import type { Change, NewChange } from './change.ts';
import { changeRules } from './change-lifecycle.ts';
import type { RiskAssessment } from './change-risk.ts';

/**
 * A new change in `new` with its computed risk, before the store gives it an id, a number and
 * a version. The change rule pack judges it, so a requester gets 403 and an unknown type, a
 * missing CI or an end before its start 422 (all failing fields at once).
 * @example openChange(input, agent, now, assessChangeRisk(riskInput)).risk // 'low'
 */
export const openChange = (
  input: NewChange,
  actor: Actor,
  now: string,
  assessment: RiskAssessment,
): Omit<Change, 'id' | 'number' | 'version'> => {
  const draft: Change = {
    id: '',
    number: '',
    version: 0,
    title: input.title,
    type: input.type,
    state: 'new',
    ciIds: Array.isArray(input.ciIds) ? [...new Set(input.ciIds)] : input.ciIds,
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd,
    risk: assessment.risk,
    riskReasons: assessment.riskReasons,
    approvals: [],
    conflicts: [],
    causedIncidentIds: [],
    createdAt: now,
    updatedAt: now,
    createdBy: actor.sub,
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.implementationPlan === undefined ? {} : { implementationPlan: input.implementationPlan }),
    ...(input.backoutPlan === undefined ? {} : { backoutPlan: input.backoutPlan }),
  };
  enforceRules(changeRules, { before: draft, after: draft, patch: {}, actor, via: 'patch' });
  const { id: _id, number: _number, version: _version, ...change } = draft;
  return change;
};
