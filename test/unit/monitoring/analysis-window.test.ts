import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanEnding, windowSeconds } from '#domain/monitoring/analysis-window.ts';

describe('windowSeconds', () => {
  it('reads minutes, hours and days', () => {
    // Act, Assess
    expect(windowSeconds('30m')).toBe(1_800);
    expect(windowSeconds('6h')).toBe(21_600);
    expect(windowSeconds('14d')).toBe(1_209_600);
    expect(windowSeconds('9999d')).toBe(863_913_600);
  });

  it('refuses anything else', () => {
    // Act, Assess
    for (const window of ['', '0m', '06h', '10000d', '1w', '1.5h', '-1d', '1 d', 'd', '14D', ' 14d'])
      expect(() => windowSeconds(window)).toThrow(new RangeError(`Not an analysis window: ${window}`));
  });

  it('is the count times the unit for every valid window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom(['m', 60] as const, ['h', 3_600] as const, ['d', 86_400] as const),
        (count, [unit, seconds]) => {
          // Act, Assess
          expect(windowSeconds(`${count}${unit}`)).toBe(count * seconds);
        },
      ),
    );
  });
});

describe('spanEnding', () => {
  it('ends at now', () => {
    // Act, Assess
    expect(spanEnding('2026-11-28T12:00:00.000Z', 3600)).toEqual({
      from: '2026-11-28T11:00:00.000Z',
      to: '2026-11-28T12:00:00.000Z',
    });
  });

  it('shifts back by an offset', () => {
    // Act, Assess: the day before the last 24 hours, a baseline's span
    expect(spanEnding('2026-11-28T12:00:00.000Z', 86_400, 86_400)).toEqual({
      from: '2026-11-26T12:00:00.000Z',
      to: '2026-11-27T12:00:00.000Z',
    });
  });

  it('writes any ISO time it is given in the same UTC form', () => {
    // Act, Assess
    expect(spanEnding('2026-11-28T13:30:00+01:00', windowSeconds('30m'))).toEqual({
      from: '2026-11-28T12:00:00.000Z',
      to: '2026-11-28T12:30:00.000Z',
    });
  });

  it('spans exactly the seconds asked, ending the offset before now', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 90 * 86_400 }),
        fc.integer({ min: 0, max: 90 * 86_400 }),
        (nowMs, seconds, offsetSeconds) => {
          // Act
          const span = spanEnding(new Date(nowMs).toISOString(), seconds, offsetSeconds);
          // Assess
          expect(Date.parse(span.to)).toBe(nowMs - offsetSeconds * 1000);
          expect(Date.parse(span.to) - Date.parse(span.from)).toBe(seconds * 1000);
        },
      ),
    );
  });
});
