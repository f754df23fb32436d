import { describe, expect, it } from 'vitest';
import { problemCandidates } from '#domain/problem/problem-candidates.ts';

const now = '2026-11-24T12:00:00.000Z';
const daysAgo = (days: number) => new Date(Date.parse(now) - days * 86_400_000).toISOString();

describe('problemCandidates', () => {
  it('groups 3 or more unlinked incidents on one CI within the last 7 days', () => {
    // Prepare
    const incidents = [
      { id: 'c', ciId: 'db-1', createdAt: daysAgo(1) },
      { id: 'a', ciId: 'db-1', createdAt: daysAgo(6) },
      { id: 'b', ciId: 'db-1', createdAt: daysAgo(3) },
      { id: 'x', ciId: 'web-1', createdAt: daysAgo(1) },
      { id: 'y', ciId: 'web-1', createdAt: daysAgo(2) },
    ];

    // Act
    const candidates = problemCandidates(incidents, now);

    // Assess
    expect(candidates).toEqual([
      { ciId: 'db-1', incidentIds: ['a', 'b', 'c'], firstAt: daysAgo(6), lastAt: daysAgo(1) },
    ]);
  });

  it('leaves out incidents already linked to a problem, older than 7 days or without a CI', () => {
    // Prepare
    const incidents = [
      { id: 'a', ciId: 'db-1', createdAt: daysAgo(1) },
      { id: 'b', ciId: 'db-1', createdAt: daysAgo(2) },
      { id: 'linked', ciId: 'db-1', createdAt: daysAgo(2), problemId: 'prb-1' },
      { id: 'old', ciId: 'db-1', createdAt: daysAgo(8) },
      { id: 'no-ci', createdAt: daysAgo(1) },
    ];

    // Act
    const candidates = problemCandidates(incidents, now);

    // Assess
    expect(candidates).toEqual([]);
  });

  it('counts an incident exactly 7 days old', () => {
    // Prepare
    const incidents = ['a', 'b', 'c'].map((id) => ({ id, ciId: 'db-1', createdAt: daysAgo(7) }));

    // Act
    const candidates = problemCandidates(incidents, now);

    // Assess
    expect(candidates[0]?.incidentIds).toEqual(['a', 'b', 'c']);
  });
});
