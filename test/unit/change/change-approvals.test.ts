import { describe, expect, it } from 'vitest';
import { approverIsChangeManager } from '#domain/change/approvals/approver-is-change-manager.ts';
import type { ApprovalMove } from '#domain/change/approvals/change-vote.ts';
import { oneVotePerApprover } from '#domain/change/approvals/one-vote-per-approver.ts';
import { requesterMayNotApproveOwnChange } from '#domain/change/approvals/requester-may-not-approve-own-change.ts';
import { requiredApprovals } from '#domain/change/approvals/required-approvals.ts';
import { voteDecisionIsKnown } from '#domain/change/approvals/vote-decision-is-known.ts';
import { votesOnlyWhileAuthorize } from '#domain/change/approvals/votes-only-while-authorize.ts';
import { recordApproval } from '#domain/change/record-approval.ts';
import type { Rule } from '#domain/record/enforce-rules.ts';
import {
  aChange,
  admin,
  agent,
  aWindow,
  manager,
  noScheduling,
  now,
  requester,
  secondManager,
  thrown,
  vote,
} from './change-fixtures.ts';

const inAuthorize = aChange({ state: 'authorize' });
const approvalMove = (change = inAuthorize, ballot = vote(manager)): ApprovalMove => ({
  change,
  vote: ballot,
});

const cases: Array<{
  name: string;
  rule: Rule<ApprovalMove>;
  compliant: ApprovalMove;
  nonCompliant: ApprovalMove;
}> = [
  {
    name: 'approverIsChangeManager',
    rule: approverIsChangeManager,
    compliant: approvalMove(inAuthorize, vote(admin)),
    nonCompliant: approvalMove(inAuthorize, vote(agent)),
  },
  {
    name: 'requesterMayNotApproveOwnChange',
    rule: requesterMayNotApproveOwnChange,
    compliant: approvalMove(aChange({ state: 'authorize', createdBy: 'cami' }), vote(manager)),
    nonCompliant: approvalMove(aChange({ state: 'authorize', createdBy: 'ada' }), vote(admin)),
  },
  {
    name: 'votesOnlyWhileAuthorize',
    rule: votesOnlyWhileAuthorize,
    compliant: approvalMove(inAuthorize),
    nonCompliant: approvalMove(aChange({ state: 'assess' })),
  },
  {
    name: 'oneVotePerApprover',
    rule: oneVotePerApprover,
    compliant: approvalMove(
      aChange({ state: 'authorize', approvals: [{ approver: 'carl', decision: 'approve', at: now }] }),
    ),
    nonCompliant: approvalMove(
      aChange({ state: 'authorize', approvals: [{ approver: 'cami', decision: 'approve', at: now }] }),
    ),
  },
  {
    name: 'voteDecisionIsKnown',
    rule: voteDecisionIsKnown,
    compliant: approvalMove(inAuthorize, vote(manager, 'reject')),
    nonCompliant: approvalMove(inAuthorize, { ...vote(manager), decision: 'maybe' as 'approve' }),
  },
];

describe.each(cases)('$name', ({ rule, compliant, nonCompliant }) => {
  it('passes a compliant vote', () => {
    expect(rule(compliant)).toBeNull();
  });

  it('refuses a non-compliant vote', () => {
    expect(rule(nonCompliant)).not.toBeNull();
  });
});

describe('requiredApprovals', () => {
  it('needs two approvals for a high-risk change and one otherwise', () => {
    expect([requiredApprovals('low'), requiredApprovals('moderate'), requiredApprovals('high')]).toEqual([
      1, 1, 2,
    ]);
  });
});

describe('recordApproval', () => {
  it('schedules a normal change on one change_manager approval and says it was approved', () => {
    // Act
    const result = recordApproval(inAuthorize, { ...vote(manager), comment: 'CAB ok' }, now, noScheduling);

    // Assess
    expect(result.approved).toBe(true);
    expect(result.change.state).toBe('scheduled');
    expect(result.change.approvals).toEqual([
      { approver: 'cami', decision: 'approve', comment: 'CAB ok', at: now },
    ]);
    expect(result.changes.map((change) => change.field)).toEqual(['state', 'approvals']);
  });

  it.each([
    ['an agent', agent],
    ['a requester', requester],
  ])('refuses %s with 403', (_who, actor) => {
    // Act
    const error = thrown(() => recordApproval(inAuthorize, vote(actor), now));

    // Assess
    expect(error.kind).toBe('forbidden');
  });

  it('refuses the change requester who is admin but not change_manager (403)', () => {
    // Act
    const error = thrown(() =>
      recordApproval(aChange({ state: 'authorize', createdBy: 'ada' }), vote(admin), now),
    );

    // Assess
    expect(error.kind).toBe('forbidden');
  });

  it.each(['new', 'assess', 'scheduled', 'implement', 'closed', 'canceled'] as const)(
    'refuses a vote while the change is %s (409)',
    (state) => {
      // Act
      const error = thrown(() =>
        recordApproval(aChange({ state, reviewOutcome: 'successful' }), vote(manager), now),
      );

      // Assess
      expect(error.kind).toBe('conflict');
    },
  );

  it('needs two approvals for a high-risk change, and refuses a second vote by the same approver (409)', () => {
    // Prepare
    const highRisk = aChange({ state: 'authorize', risk: 'high' });

    // Act
    const first = recordApproval(highRisk, vote(manager), now);
    const again = thrown(() => recordApproval(first.change, vote(manager), now));
    const second = recordApproval(first.change, vote(secondManager), now);

    // Assess
    expect([first.change.state, first.approved]).toEqual(['authorize', false]);
    expect(again.kind).toBe('conflict');
    expect([second.change.state, second.approved]).toEqual(['scheduled', true]);
  });

  it('cancels the change on one rejection', () => {
    // Prepare
    const highRisk = aChange({ state: 'authorize', risk: 'high' });
    const first = recordApproval(highRisk, vote(manager), now);

    // Act
    const rejected = recordApproval(first.change, vote(secondManager, 'reject'), now);

    // Assess
    expect(rejected.change).toMatchObject({ state: 'canceled', canceledAt: now });
    expect(rejected.approved).toBe(false);
  });

  it('refuses the approval that would schedule a normal change into a blackout, listing the conflicts (409)', () => {
    // Prepare
    const scheduling = { ...noScheduling, windows: [aWindow({ ciIds: ['db-1'] })] };

    // Act
    const error = thrown(() => recordApproval(inAuthorize, vote(manager), now, scheduling));

    // Assess
    expect(error.kind).toBe('conflict');
    expect(error.extensions).toEqual({ conflicts: [{ kind: 'blackout', windowId: 'win-1', ciId: 'db-1' }] });
  });

  it('lets an emergency change proceed into a blackout, keeping the conflict on record', () => {
    // Prepare
    const emergency = aChange({ type: 'emergency', state: 'authorize' });
    const scheduling = { ...noScheduling, windows: [aWindow()] };

    // Act
    const result = recordApproval(emergency, vote(manager), now, scheduling);

    // Assess
    expect(result.approved).toBe(true);
    expect(result.change.conflicts).toEqual([{ kind: 'blackout', windowId: 'win-1', ciId: 'db-1' }]);
  });
});
