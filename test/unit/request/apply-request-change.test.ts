import { describe, expect, it } from 'vitest';
import { applyRequestChange } from '#domain/request/apply-request-change.ts';
import { openRequest } from '#domain/request/open-request.ts';
import { admin, agent, aRequest, now, requester, thrown } from './request-fixtures.ts';

describe('openRequest', () => {
  it('submits a request with quantity 1 by default', () => {
    // Act
    const request = openRequest({ item: 'Laptop' }, requester, now);

    // Assess
    expect(request).toMatchObject({
      item: 'Laptop',
      quantity: 1,
      state: 'submitted',
      createdBy: 'rita',
      slas: [],
    });
  });

  it('lists a blank item and a bad quantity in one 422', () => {
    // Act
    const error = thrown(() => openRequest({ item: '', quantity: 0 }, requester, now));

    // Assess
    expect(error.errors?.map((entry) => entry.path)).toEqual(['item', 'quantity']);
  });
});

describe('applyRequestChange', () => {
  it('records who approved and when', () => {
    // Act
    const { request, changes } = applyRequestChange(aRequest(), { state: 'approved' }, agent, now);

    // Assess
    expect(request).toMatchObject({
      state: 'approved',
      approvedBy: 'alex',
      approvedAt: now,
      updatedAt: now,
      version: 1,
    });
    expect(changes.map((change) => change.field)).toEqual(['state', 'approvedBy', 'approvedAt']);
  });

  it('refuses the requester approving their own request (403)', () => {
    // Act
    const error = thrown(() => applyRequestChange(aRequest(), { state: 'approved' }, requester, now));

    // Assess
    expect(error.kind).toBe('forbidden');
  });

  it('lets the requester cancel their own request', () => {
    // Act
    const { request } = applyRequestChange(
      aRequest({ state: 'approved' }),
      { state: 'canceled' },
      requester,
      now,
    );

    // Assess
    expect(request).toMatchObject({ state: 'canceled', closedAt: now });
  });

  it('stamps fulfilment', () => {
    // Act
    const { request } = applyRequestChange(
      aRequest({ state: 'fulfilling' }),
      { state: 'fulfilled' },
      admin,
      now,
    );

    // Assess
    expect(request).toMatchObject({ state: 'fulfilled', fulfilledAt: now, closedAt: now });
  });

  it('clears the justification with null while submitted', () => {
    // Act
    const { request } = applyRequestChange(
      aRequest({ justification: 'New hire' }),
      { justification: null },
      requester,
      now,
    );

    // Assess
    expect(request).not.toHaveProperty('justification');
  });
});
