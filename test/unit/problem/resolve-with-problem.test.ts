import { describe, expect, it } from 'vitest';
import type { Incident } from '#domain/incident/incident.ts';
import {
  incidentsToResolveWithProblem,
  resolvedByProblemCode,
  resolveWithProblem,
} from '#domain/problem/index.ts';
import { aProblem, now } from './problem-fixtures.ts';

const anIncident = (overrides: Partial<Incident> = {}): Incident => ({
  id: 'inc-1',
  number: 'INC0001001',
  version: 3,
  title: 'Mail stuck',
  impact: 2,
  urgency: 2,
  priority: 3,
  state: 'on_hold',
  holdReason: 'awaiting_problem',
  callerId: 'carl',
  major: false,
  problemId: 'prb-1',
  changeIds: [],
  slas: [],
  impactedServices: [],
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T08:00:00.000Z',
  createdBy: 'alex',
  ...overrides,
});

describe('resolveWithProblem', () => {
  it('resolves a waiting incident with the problem root cause and drops its hold reason', () => {
    // Prepare
    const problem = aProblem({ state: 'resolved', rootCause: 'Relay disk full' });
    // Act
    const { incident, changes } = resolveWithProblem(anIncident(), problem, now);
    // Assess
    expect(incident).toMatchObject({
      state: 'resolved',
      resolutionCode: resolvedByProblemCode,
      resolutionNotes: 'Resolved with problem PRB0001001: Relay disk full',
      resolvedAt: now,
    });
    expect(incident.holdReason).toBeUndefined();
    expect(changes.map((change) => change.field)).toEqual([
      'state',
      'holdReason',
      'resolutionCode',
      'resolutionNotes',
      'resolvedAt',
    ]);
  });

  it('leaves alone the linked incidents that do not wait on the problem', () => {
    // Prepare
    const linked = [
      anIncident({ id: 'waits' }),
      anIncident({ id: 'vendor', holdReason: 'awaiting_vendor' }),
      anIncident({ id: 'working', state: 'in_progress', holdReason: undefined }),
    ];
    // Act
    const chosen = incidentsToResolveWithProblem(linked);
    // Assess
    expect(chosen.map((incident) => incident.id)).toEqual(['waits']);
  });
});
