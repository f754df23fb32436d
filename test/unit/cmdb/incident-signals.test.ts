import { describe, expect, it } from 'vitest';
import { incidentSignalMoves, movedOpenIncidents } from '#domain/cmdb/incident-signals.ts';
import type { Incident } from '#domain/incident/incident.ts';

type Signal = Pick<Incident, 'id' | 'ciId' | 'priority' | 'state'>;
const incident = (overrides: Partial<Signal> = {}): Signal => ({
  id: 'inc-1',
  ciId: 'srv',
  priority: 1,
  state: 'new',
  ...overrides,
});

describe('incidentSignalMoves', () => {
  it('an incident opened on a CI holds its priority open there', () => {
    expect(incidentSignalMoves(undefined, incident())).toEqual(new Map([['srv', 1]]));
  });

  it('an incident without a CI touches no CI', () => {
    expect(incidentSignalMoves(undefined, incident({ ciId: undefined }))).toEqual(new Map());
  });

  it('resolving, canceling or closing releases the CI', () => {
    for (const state of ['resolved', 'canceled', 'closed'] as const)
      expect(incidentSignalMoves(incident({ state: 'in_progress' }), incident({ state }))).toEqual(
        new Map([['srv', null]]),
      );
  });

  it('a reopened incident holds its CI again', () => {
    expect(incidentSignalMoves(incident({ state: 'resolved' }), incident({ state: 'in_progress' }))).toEqual(
      new Map([['srv', 1]]),
    );
  });

  it('moving to another CI releases the old one and holds the new one', () => {
    expect(incidentSignalMoves(incident(), incident({ ciId: 'db' }))).toEqual(
      new Map<string, number | null>([
        ['srv', null],
        ['db', 1],
      ]),
    );
  });

  it('a new priority moves the signal; a change of anything else does not', () => {
    expect(incidentSignalMoves(incident(), incident({ priority: 3 }))).toEqual(new Map([['srv', 3]]));
    expect(incidentSignalMoves(incident(), incident({ state: 'in_progress' }))).toEqual(new Map());
  });

  it('a change while closed touches nothing', () => {
    expect(
      incidentSignalMoves(incident({ state: 'closed' }), incident({ state: 'closed', ciId: 'db' })),
    ).toEqual(new Map());
  });
});

describe('movedOpenIncidents', () => {
  it('adds, re-prioritises and removes an incident', () => {
    expect(movedOpenIncidents({}, 'inc-1', 2)).toEqual({ 'inc-1': 2 });
    expect(movedOpenIncidents({ 'inc-1': 2 }, 'inc-1', 1)).toEqual({ 'inc-1': 1 });
    expect(movedOpenIncidents({ 'inc-1': 2, 'inc-2': 4 }, 'inc-1', null)).toEqual({ 'inc-2': 4 });
  });

  it('returns the same object when nothing changes, so a replay writes nothing', () => {
    const open = { 'inc-1': 2 as const };
    expect(movedOpenIncidents(open, 'inc-1', 2)).toBe(open);
    expect(movedOpenIncidents(open, 'inc-9', null)).toBe(open);
  });
});
