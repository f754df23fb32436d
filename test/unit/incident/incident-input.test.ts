import { describe, expect, it } from 'vitest';
import { DomainError } from '#domain/errors.ts';
import { applyIncidentChange, type Incident, openIncident, titleErrors } from '#domain/incident/incident.ts';
import { assertCanLogIncident } from '#domain/incident/incident-access.ts';

const agent = { sub: 'agent-1', roles: ['agent' as const] };
const requester = { sub: 'req-1', roles: ['requester' as const] };
const t0 = '2026-11-24T09:00:00.000Z';

const failure = (action: () => unknown): DomainError => {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

const incident = (): Incident => ({
  ...openIncident({ title: 'Mail down', impact: 2, urgency: 2 }, requester, t0),
  id: 'i-1',
  number: 'INC0001001',
  version: 1,
});

describe('an incident title says something', () => {
  it.each([' ', '\t\n', '\u00a0 \u2003', ''])('refuses %j', (title) => {
    expect(titleErrors(title)).toEqual([{ path: 'title', message: 'An incident needs a title' }]);
  });

  it('accepts a title with words around white space', () => {
    expect(titleErrors('  VPN down ')).toEqual([]);
  });

  it('refuses a blank title when opening (422)', () => {
    const error = failure(() => openIncident({ title: '   ', impact: 2, urgency: 2 }, agent, t0));
    expect(error.kind).toBe('validation');
    expect(error.errors).toEqual([{ path: 'title', message: 'An incident needs a title' }]);
  });

  it('refuses a blank title on change, and leaves other changes alone', () => {
    const error = failure(() => applyIncidentChange(incident(), { title: ' \n ' }, t0));
    expect(error.errors).toEqual([{ path: 'title', message: 'An incident needs a title' }]);
    expect(applyIncidentChange(incident(), { urgency: 3 }, t0).changes.map((c) => c.field)).toContain(
      'urgency',
    );
  });
});

describe('creating a child incident', () => {
  it('an agent may set parentId at creation; the child carries it', () => {
    expect(() => assertCanLogIncident(agent, { parentId: 'p-1' })).not.toThrow();
    const child = openIncident({ title: 'Rack down', impact: 2, urgency: 2, parentId: 'p-1' }, agent, t0);
    expect(child.parentId).toBe('p-1');
  });

  it('a requester may log an incident but not a child (403)', () => {
    expect(() => assertCanLogIncident(requester, {})).not.toThrow();
    expect(failure(() => assertCanLogIncident(requester, { parentId: 'p-1' })).kind).toBe('forbidden');
  });
});
