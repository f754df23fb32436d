import { describe, expect, it } from 'vitest';
import { incidentPriority } from '#domain/incident/priority.ts';

describe('incidentPriority', () => {
  // The matrix pinned in the README (Incident management), written out rather than derived.
  const matrix: Array<[1 | 2 | 3, 1 | 2 | 3, number]> = [
    [1, 1, 1],
    [1, 2, 2],
    [2, 1, 2],
    [1, 3, 3],
    [2, 2, 3],
    [3, 1, 3],
    [2, 3, 4],
    [3, 2, 4],
    [3, 3, 5],
  ];

  it.each(matrix)('impact %i x urgency %i is priority %i', (impact, urgency, expected) => {
    expect(incidentPriority(impact, urgency)).toBe(expected);
  });
});
