import { describe, expect, it } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import {
  applyIncidentChange,
  type Incident,
  openIncident,
  resolveWithParent,
} from '#domain/incident/incident.ts';
import {
  assertCanSeeIncident,
  assertCanWriteComment,
  listScopeFor,
} from '#domain/incident/incident-access.ts';

const agent = { sub: 'agent-1', roles: ['agent' as const] };
const requester = { sub: 'req-1', roles: ['requester' as const] };
const t0 = '2026-11-24T09:00:00.000Z';
const t1 = '2026-11-24T10:00:00.000Z';

const incident = (overrides: Partial<Incident> = {}): Incident => ({
  ...openIncident({ title: 'Mail down', impact: 2, urgency: 2 }, requester, t0),
  id: 'i-1',
  number: 'INC0001001',
  version: 1,
  ...overrides,
});

const failure = (action: () => unknown): DomainError => {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('openIncident', () => {
  it('computes priority, starts in new and defaults the caller to the actor', () => {
    // Prepare / Act
    const opened = openIncident({ title: 'VPN', impact: 1, urgency: 3 }, requester, t0);
    // Assess
    expect(opened).toMatchObject({
      priority: 3,
      state: 'new',
      callerId: 'req-1',
      createdBy: 'req-1',
      major: false,
    });
  });
});

describe('applyIncidentChange', () => {
  it('recomputes priority when impact changes and records both fields', () => {
    const { incident: changed, changes } = applyIncidentChange(incident(), { impact: 1 }, t1);
    expect(changed.priority).toBe(2);
    expect(changes).toEqual([
      { field: 'impact', from: 2, to: 1 },
      { field: 'priority', from: 3, to: 2 },
    ]);
    expect(changed.updatedAt).toBe(t1);
  });

  it('refuses a move the state machine forbids with a conflict', () => {
    const error = failure(() => applyIncidentChange(incident(), { state: 'resolved' }, t1));
    expect(error.kind).toBe('conflict');
  });

  it('needs a holdReason to go on hold', () => {
    const error = failure(() =>
      applyIncidentChange(incident({ state: 'in_progress' }), { state: 'on_hold' }, t1),
    );
    expect(error.kind).toBe('validation');
    expect(error.errors).toEqual([{ path: 'holdReason', message: 'on_hold needs a holdReason' }]);
  });

  it('accepts on_hold with a reason and clears the reason when work resumes', () => {
    const held = applyIncidentChange(
      incident({ state: 'in_progress' }),
      { state: 'on_hold', holdReason: 'awaiting_vendor' },
      t1,
    ).incident;
    const resumed = applyIncidentChange(held, { state: 'in_progress' }, t1).incident;
    expect(held.holdReason).toBe('awaiting_vendor');
    expect(resumed.holdReason).toBeUndefined();
  });

  it('needs a resolution code and notes to resolve, listing both', () => {
    const error = failure(() =>
      applyIncidentChange(incident({ state: 'in_progress' }), { state: 'resolved' }, t1),
    );
    expect(error.errors?.map((e) => e.path)).toEqual(['resolutionCode', 'resolutionNotes']);
  });

  it('stamps resolvedAt and clears the resolution on reopen', () => {
    const resolved = applyIncidentChange(
      incident({ state: 'in_progress' }),
      { state: 'resolved', resolutionCode: 'fixed', resolutionNotes: 'Restarted' },
      t1,
    ).incident;
    const reopened = applyIncidentChange(resolved, { state: 'in_progress' }, t1).incident;
    expect(resolved.resolvedAt).toBe(t1);
    expect(reopened).not.toHaveProperty('resolvedAt');
    expect(reopened).not.toHaveProperty('resolutionCode');
  });

  it('refuses an incident as its own parent', () => {
    expect(failure(() => applyIncidentChange(incident(), { parentId: 'i-1' }, t1)).kind).toBe('validation');
  });

  it('reports no change for a patch that sets the same values', () => {
    const { changes, incident: same } = applyIncidentChange(incident(), { title: 'Mail down' }, t1);
    expect(changes).toEqual([]);
    expect(same.updatedAt).toBe(t0);
  });
});

describe('resolveWithParent', () => {
  it('resolves a new child with the parent resolution', () => {
    const parent = incident({
      id: 'p',
      number: 'INC0000001',
      state: 'resolved',
      resolutionCode: 'fixed',
      resolutionNotes: 'Replaced disk',
    });
    const { incident: child } = resolveWithParent(incident({ id: 'c' }), parent, t1);
    expect(child).toMatchObject({ state: 'resolved', resolutionCode: 'fixed', resolvedAt: t1 });
    expect(child.resolutionNotes).toContain('INC0000001');
  });
});

describe('incident access', () => {
  it('hides another caller’s incident from a requester as unknown', () => {
    expect(
      failure(() => assertCanSeeIncident(requester, { callerId: 'someone-else', number: 'x' })).kind,
    ).toBe('not_found');
  });

  it('lets an agent see any incident and a requester their own', () => {
    expect(() => assertCanSeeIncident(agent, { callerId: 'someone-else', number: 'x' })).not.toThrow();
    expect(() => assertCanSeeIncident(requester, { callerId: 'req-1', number: 'x' })).not.toThrow();
  });

  it('refuses work notes from a requester', () => {
    expect(failure(() => assertCanWriteComment(requester, 'work_note')).kind).toBe('forbidden');
    expect(() => assertCanWriteComment(requester, 'public')).not.toThrow();
  });

  it('scopes a requester list to their own incidents whatever they ask', () => {
    expect(listScopeFor(requester, 'someone-else')).toBe('req-1');
    expect(listScopeFor(agent, 'someone-else')).toBe('someone-else');
  });
});
