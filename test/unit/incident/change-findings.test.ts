import { describe, expect, it } from 'vitest';
import { type ChangeFootprint, recentChangeFindings } from '#domain/incident/change-findings.ts';

const footprint = (changeId: string, ciId: string, at: string): ChangeFootprint => ({
  changeId,
  number: `CHG-${changeId}`,
  ciId,
  at,
});

describe('recentChangeFindings', () => {
  it('keeps one finding per change at its nearest CI, nearest first then newest first', () => {
    // Arrange: change a touches the CI itself and a dependency; b and c touch dependencies.
    const reached = [
      { ciId: 'app', distance: 0 },
      { ciId: 'srv', distance: 1 },
      { ciId: 'db', distance: 2 },
    ];
    const footprints = new Map([
      ['app', [footprint('a', 'app', '2026-11-20T08:00:00.000Z')]],
      [
        'srv',
        [
          footprint('a', 'srv', '2026-11-20T08:00:00.000Z'),
          footprint('b', 'srv', '2026-11-20T07:00:00.000Z'),
        ],
      ],
      [
        'db',
        [footprint('c', 'db', '2026-11-20T09:00:00.000Z'), footprint('d', 'db', '2026-11-20T06:00:00.000Z')],
      ],
    ]);

    // Act
    const findings = recentChangeFindings(reached, footprints);

    // Assess
    expect(findings.map((f) => [f.changeId, f.ciId, f.distance, f.reason])).toEqual([
      ['a', 'app', 0, 'implemented_on_ci'],
      ['b', 'srv', 1, 'implemented_on_dependency'],
      ['c', 'db', 2, 'implemented_on_dependency'],
      ['d', 'db', 2, 'implemented_on_dependency'],
    ]);
  });

  it('finds nothing without footprints on the CIs reached', () => {
    // Act, Assess
    expect(recentChangeFindings([{ ciId: 'app', distance: 0 }], new Map([['other', []]]))).toEqual([]);
  });
});
