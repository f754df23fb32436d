import { describe, expect, it } from 'vitest';
import {
  type IncidentState,
  incidentStates,
  isAllowedIncidentMove,
} from '#domain/incident/incident-states.ts';

/** The allowed moves in the README (Incident management), spelled out independently of the implementation. */
const allowed = new Set([
  'new>in_progress',
  'new>canceled',
  'in_progress>on_hold',
  'in_progress>resolved',
  'in_progress>canceled',
  'on_hold>in_progress',
  'on_hold>canceled',
  'resolved>closed',
  'resolved>in_progress',
]);

const pairs = incidentStates.flatMap((from) =>
  incidentStates.filter((to) => to !== from).map((to) => [from, to] as [IncidentState, IncidentState]),
);

describe('incident state machine', () => {
  it.each(pairs)('%s -> %s', (from, to) => {
    expect(isAllowedIncidentMove(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it('covers every pair of distinct states', () => {
    expect(pairs).toHaveLength(30);
  });
});
