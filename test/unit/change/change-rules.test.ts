import { describe, expect, it } from 'vitest';
import type { Change, ChangePatch } from '#domain/change/change.ts';
import { agentWorksChanges } from '#domain/change/rules/agent-works-changes.ts';
import { blackoutBlocksScheduling } from '#domain/change/rules/blackout-blocks-scheduling.ts';
import { causedIncidentsNeedFailure } from '#domain/change/rules/caused-incidents-need-failure.ts';
import { changeFollowsItsPath } from '#domain/change/rules/change-follows-its-path.ts';
import type { ChangeMove } from '#domain/change/rules/change-move.ts';
import { changeNeedsACi } from '#domain/change/rules/change-needs-a-ci.ts';
import { changeTitleRequired } from '#domain/change/rules/change-title-required.ts';
import { changeTypeIsKnown } from '#domain/change/rules/change-type-is-known.ts';
import { closingNeedsReviewOutcome } from '#domain/change/rules/closing-needs-review-outcome.ts';
import { finishedChangeIsReadOnly } from '#domain/change/rules/finished-change-is-read-only.ts';
import { plannedEndAfterStart } from '#domain/change/rules/planned-end-after-start.ts';
import { reviewFieldsOnlyInReview } from '#domain/change/rules/review-fields-only-in-review.ts';
import { scheduledOnlyByApproval } from '#domain/change/rules/scheduled-only-by-approval.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import { aChange, agent, requester } from './change-fixtures.ts';

const move = (
  after: Partial<Change>,
  before: Partial<Change> = {},
  extra: { patch?: ChangePatch; via?: ChangeMove['via']; actor?: ChangeMove['actor'] } = {},
): ChangeMove => ({
  before: aChange(before),
  after: aChange({ ...before, ...after }),
  patch: extra.patch ?? {},
  actor: extra.actor ?? agent,
  via: extra.via ?? 'patch',
});

const blackout = { kind: 'blackout' as const, windowId: 'win-1', ciId: 'db-1' };

const cases: Array<{
  name: string;
  rule: Rule<ChangeMove>;
  compliant: ChangeMove;
  nonCompliant: ChangeMove;
  kind: string;
}> = [
  {
    name: 'agentWorksChanges',
    rule: agentWorksChanges,
    compliant: move({}),
    nonCompliant: move({}, {}, { actor: requester }),
    kind: 'forbidden',
  },
  {
    name: 'finishedChangeIsReadOnly',
    rule: finishedChangeIsReadOnly,
    compliant: move({ title: 'x' }, { state: 'review' }),
    nonCompliant: move({ title: 'x' }, { state: 'canceled' }),
    kind: 'conflict',
  },
  {
    name: 'changeFollowsItsPath',
    rule: changeFollowsItsPath,
    compliant: move({ state: 'authorize' }, { type: 'emergency', state: 'new' }),
    nonCompliant: move({ state: 'assess' }, { type: 'emergency', state: 'new' }),
    kind: 'conflict',
  },
  {
    name: 'scheduledOnlyByApproval',
    rule: scheduledOnlyByApproval,
    compliant: move({ state: 'scheduled' }, { state: 'authorize' }, { via: 'approval' }),
    nonCompliant: move({ state: 'scheduled' }, { state: 'authorize' }, { via: 'patch' }),
    kind: 'conflict',
  },
  {
    name: 'blackoutBlocksScheduling',
    rule: blackoutBlocksScheduling,
    compliant: move({ state: 'scheduled', conflicts: [blackout] }, { type: 'emergency', state: 'authorize' }),
    nonCompliant: move({ state: 'scheduled', conflicts: [blackout] }, { type: 'standard', state: 'new' }),
    kind: 'conflict',
  },
  {
    name: 'reviewFieldsOnlyInReview',
    rule: reviewFieldsOnlyInReview,
    compliant: move({ reviewOutcome: 'failed' }, { state: 'review' }, { patch: { reviewOutcome: 'failed' } }),
    nonCompliant: move(
      { reviewOutcome: 'failed' },
      { state: 'scheduled' },
      { patch: { reviewOutcome: 'failed' } },
    ),
    kind: 'conflict',
  },
  {
    name: 'changeTypeIsKnown',
    rule: changeTypeIsKnown,
    compliant: move({ type: 'standard' }),
    nonCompliant: move({ type: 'urgent' as Change['type'] }),
    kind: 'validation',
  },
  {
    name: 'changeTitleRequired',
    rule: changeTitleRequired,
    compliant: move({ title: 'Patch' }),
    nonCompliant: move({ title: '' }),
    kind: 'validation',
  },
  {
    name: 'changeNeedsACi',
    rule: changeNeedsACi,
    compliant: move({ ciIds: ['db-1'] }),
    nonCompliant: move({ ciIds: [] }),
    kind: 'validation',
  },
  {
    name: 'plannedEndAfterStart',
    rule: plannedEndAfterStart,
    compliant: move({ plannedStart: '2026-12-01T02:00:00Z', plannedEnd: '2026-12-01T02:00:01Z' }),
    nonCompliant: move({ plannedStart: '2026-12-01T02:00:00Z', plannedEnd: '2026-12-01T02:00:00Z' }),
    kind: 'validation',
  },
  {
    name: 'closingNeedsReviewOutcome',
    rule: closingNeedsReviewOutcome,
    compliant: move({ state: 'closed', reviewOutcome: 'backed_out' }, { state: 'review' }),
    nonCompliant: move({ state: 'closed' }, { state: 'review' }),
    kind: 'validation',
  },
  {
    name: 'causedIncidentsNeedFailure',
    rule: causedIncidentsNeedFailure,
    compliant: move({ reviewOutcome: 'failed', causedIncidentIds: ['inc-9'] }, { state: 'review' }),
    nonCompliant: move({ reviewOutcome: 'successful', causedIncidentIds: ['inc-9'] }, { state: 'review' }),
    kind: 'validation',
  },
];

describe.each(cases)('$name', ({ rule, compliant, nonCompliant, kind }) => {
  it('passes a compliant move', () => {
    // Act
    const verdict = rule(compliant);

    // Assess
    expect(verdict).toBeNull();
  });

  it('refuses a non-compliant move', () => {
    // Act
    const verdict = rule(nonCompliant);

    // Assess
    expect(verdict?.kind).toBe(kind);
  });
});

describe('blackoutBlocksScheduling', () => {
  it('refuses moving a scheduled change into a blackout, and lists the conflicts', () => {
    // Prepare
    const replanned = move(
      {
        plannedStart: '2026-12-24T02:00:00.000Z',
        plannedEnd: '2026-12-24T03:00:00.000Z',
        conflicts: [blackout],
      },
      { state: 'scheduled' },
    );

    // Act
    const verdict = blackoutBlocksScheduling(replanned);

    // Assess
    expect(verdict?.extensions).toEqual({ conflicts: [blackout] });
  });

  it('lets an unrelated edit through on a change already scheduled', () => {
    // Act
    const verdict = blackoutBlocksScheduling(
      move({ title: 'Renamed', conflicts: [blackout] }, { state: 'scheduled' }),
    );

    // Assess
    expect(verdict).toBeNull();
  });
});
