import { describe, expect, it } from 'vitest';
import { incidentsToResolveWithProblem } from '#domain/problem/incidents-to-resolve.ts';
import { linkIncidentToProblem } from '#domain/problem/link-incident.ts';
import { agent, aProblem, now, requester, thrown } from './problem-fixtures.ts';

describe('incidentsToResolveWithProblem', () => {
  it('keeps only the incidents on hold awaiting the problem', () => {
    // Prepare
    const incidents = [
      { id: 'waiting', state: 'on_hold', holdReason: 'awaiting_problem' },
      { id: 'on-vendor', state: 'on_hold', holdReason: 'awaiting_vendor' },
      { id: 'working', state: 'in_progress' },
      { id: 'done', state: 'resolved', holdReason: 'awaiting_problem' },
    ];

    // Act
    const toResolve = incidentsToResolveWithProblem(incidents);

    // Assess
    expect(toResolve.map((incident) => incident.id)).toEqual(['waiting']);
  });
});

describe('linkIncidentToProblem', () => {
  it('adds the incident once', () => {
    // Prepare
    const problem = aProblem({ incidentIds: ['i1'] });

    // Act
    const first = linkIncidentToProblem(problem, 'i2', agent, now);
    const again = linkIncidentToProblem(first.problem, 'i2', agent, now);

    // Assess
    expect(first.problem.incidentIds).toEqual(['i1', 'i2']);
    expect(first.changes).toEqual([{ field: 'incidentIds', from: ['i1'], to: ['i1', 'i2'] }]);
    expect(again.changes).toEqual([]);
  });

  it('refuses a closed problem with 409 and a requester with 403', () => {
    // Prepare
    const closed = aProblem({ state: 'closed', rootCause: 'Disk full' });

    // Act
    const onClosed = thrown(() => linkIncidentToProblem(closed, 'i2', agent, now));
    const byRequester = thrown(() => linkIncidentToProblem(aProblem(), 'i2', requester, now));

    // Assess
    expect([onClosed.kind, byRequester.kind]).toEqual(['conflict', 'forbidden']);
  });
});
