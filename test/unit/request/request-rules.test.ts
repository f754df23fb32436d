import { describe, expect, it } from 'vitest';
import type { Rule } from '#domain/record/enforce-rules.ts';
import type { Actor } from '#domain/record/record.ts';
import { agentApprovesAndFulfils } from '#domain/request/rules/agent-approves-and-fulfils.ts';
import { detailsFrozenAfterSubmission } from '#domain/request/rules/details-frozen-after-submission.ts';
import { finishedRequestIsReadOnly } from '#domain/request/rules/finished-request-is-read-only.ts';
import { itemRequired } from '#domain/request/rules/item-required.ts';
import { quantityIsPositiveInteger } from '#domain/request/rules/quantity-is-positive-integer.ts';
import type { RequestMove } from '#domain/request/rules/request-move.ts';
import { requestPath } from '#domain/request/rules/request-path.ts';
import { requesterTouchesOnlyOwn } from '#domain/request/rules/requester-touches-only-own.ts';
import type { ServiceRequest, ServiceRequestPatch } from '#domain/request/service-request.ts';
import { agent, aRequest, manager, otherRequester, requester } from './request-fixtures.ts';

const move = (
  after: Partial<ServiceRequest>,
  before: Partial<ServiceRequest> = {},
  patch: ServiceRequestPatch = {},
  actor: Actor = agent,
): RequestMove => ({ before: aRequest(before), after: aRequest({ ...before, ...after }), patch, actor });

const cases: Array<{
  name: string;
  rule: Rule<RequestMove>;
  compliant: RequestMove;
  nonCompliant: RequestMove;
  kind: string;
}> = [
  {
    name: 'requesterTouchesOnlyOwn',
    rule: requesterTouchesOnlyOwn,
    compliant: move({ quantity: 2 }, {}, { quantity: 2 }, requester),
    nonCompliant: move({ quantity: 2 }, {}, { quantity: 2 }, otherRequester),
    kind: 'forbidden',
  },
  {
    name: 'agentApprovesAndFulfils',
    rule: agentApprovesAndFulfils,
    compliant: move({ state: 'approved' }, {}, {}, manager),
    nonCompliant: move({ state: 'approved' }, {}, {}, requester),
    kind: 'forbidden',
  },
  {
    name: 'finishedRequestIsReadOnly',
    rule: finishedRequestIsReadOnly,
    compliant: move({ state: 'fulfilled' }, { state: 'fulfilling' }, { state: 'fulfilled' }),
    nonCompliant: move({ state: 'fulfilling' }, { state: 'fulfilled' }, { state: 'fulfilling' }),
    kind: 'conflict',
  },
  {
    name: 'requestPath',
    rule: requestPath,
    compliant: move({ state: 'rejected' }),
    nonCompliant: move({ state: 'rejected' }, { state: 'approved' }),
    kind: 'conflict',
  },
  {
    name: 'detailsFrozenAfterSubmission',
    rule: detailsFrozenAfterSubmission,
    compliant: move({ quantity: 3 }, {}, { quantity: 3 }),
    nonCompliant: move({ quantity: 3 }, { state: 'approved' }, { quantity: 3 }),
    kind: 'conflict',
  },
  {
    name: 'itemRequired',
    rule: itemRequired,
    compliant: move({ item: 'Monitor' }),
    nonCompliant: move({ item: ' ' }),
    kind: 'validation',
  },
  {
    name: 'quantityIsPositiveInteger',
    rule: quantityIsPositiveInteger,
    compliant: move({ quantity: 1 }),
    nonCompliant: move({ quantity: 1.5 }),
    kind: 'validation',
  },
];

describe.each(cases)('$name', ({ rule, compliant, nonCompliant, kind }) => {
  it('passes a compliant move', () => {
    expect(rule(compliant)).toBeNull();
  });

  it('refuses a non-compliant move', () => {
    expect(rule(nonCompliant)?.kind).toBe(kind);
  });
});

describe('quantityIsPositiveInteger', () => {
  it.each([0, -1, Number.NaN])('refuses %s', (quantity) => {
    expect(quantityIsPositiveInteger(move({ quantity }))?.kind).toBe('validation');
  });
});
