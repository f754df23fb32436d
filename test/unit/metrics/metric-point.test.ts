import { describe, expect, it } from 'vitest';
import { alignDown, breaches, timedPoints } from '#domain/metrics/index.ts';

describe('breaches', () => {
  it.each([
    ['>', 89, false],
    ['>', 90, false],
    ['>', 91, true],
    ['>=', 89, false],
    ['>=', 90, true],
    ['<', 90, false],
    ['<', 89, true],
    ['<=', 90, true],
    ['<=', 91, false],
  ] as const)('%s 90 with %s is %s', (comparison, v, expected) => {
    // Act
    const breached = breaches({ comparison, value: 90 }, v);
    // Assess
    expect(breached).toBe(expected);
  });
});

describe('alignDown', () => {
  it('gives the start of the period holding the time, aligned since the epoch', () => {
    // Assess
    expect(alignDown(Date.parse('2025-01-01T10:07:30Z'), 300)).toBe(Date.parse('2025-01-01T10:05:00Z'));
    expect(alignDown(Date.parse('2025-01-01T10:05:00Z'), 300)).toBe(Date.parse('2025-01-01T10:05:00Z'));
    expect(alignDown(Date.parse('2025-01-01T23:59:59.999Z'), 86_400)).toBe(
      Date.parse('2025-01-01T00:00:00Z'),
    );
    expect(alignDown(-1, 60)).toBe(-60_000);
  });
});

describe('timedPoints', () => {
  it('sorts by time and drops points whose time or value means nothing', () => {
    // Act
    const timed = timedPoints([
      { t: '2025-01-01T00:02:00Z', v: 3 },
      { t: 'yesterday', v: 9 },
      { t: '2025-01-01T00:00:00Z', v: 1 },
      { t: '2025-01-01T00:01:00Z', v: Number.NaN },
    ]);
    // Assess
    expect(timed.map((p) => p.v)).toEqual([1, 3]);
    expect(timed[0]).toEqual({ ms: Date.parse('2025-01-01T00:00:00Z'), t: '2025-01-01T00:00:00Z', v: 1 });
  });
});
