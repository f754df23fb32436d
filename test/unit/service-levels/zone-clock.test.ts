import { tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  localDateOfDay,
  RULES_ONLY_AFTER_YEAR,
  wallTimeToInstant,
  type YearOffsets,
  ZoneClock,
  zoneClockOf,
} from '#domain/service-levels/wall-clock.ts';
import { changesOf, ZONES } from './business-time-arbitraries.ts';

const offsetIn = (offsets: YearOffsets | undefined, instantMs: number) =>
  offsets?.changes.reduce(
    (offsetMs, change) => (change.atMs <= instantMs ? change.afterMs : offsetMs),
    offsets.firstMs,
  );

const icuOffsetMs = (timezone: string, instantMs: number) =>
  Math.round(tzOffset(timezone, new Date(instantMs)) * 60_000);

describe('a zone clock', () => {
  it.each(ZONES)(
    'reads every quarter hour around the 2026 offset changes of %s as wallTimeToInstant does',
    (zone) => {
      // Prepare: a fresh clock, and the local days around each change
      const clock = new ZoneClock(zone);
      const changeDays = changesOf(zone, 2026).map((changeMs) => Math.floor(changeMs / DAY_MS));

      // Act / Assess
      for (const changeDay of changeDays) {
        for (let day = changeDay - 2; day <= changeDay + 2; day++) {
          for (let minute = 0; minute <= 1440; minute += 15) {
            expect(clock.instantOf(day, minute)).toBe(wallTimeToInstant(zone, localDateOfDay(day), minute));
          }
        }
      }
    },
  );

  it('reads any wall time from 1975 on as wallTimeToInstant does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1975, 0, 1) / DAY_MS, max: Date.UTC(2300, 0, 1) / DAY_MS }),
        fc.integer({ min: 0, max: 1440 }),
        (zone, day, minute) => {
          expect(zoneClockOf(zone).instantOf(day, minute)).toBe(
            wallTimeToInstant(zone, localDateOfDay(day), minute),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the offsets of any year from 1980 to 2100 as ICU has them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
        fc.integer({ min: 1980, max: RULES_ONLY_AFTER_YEAR }),
        fc.nat(365 * 24),
        (zone, year, hour) => {
          const instantMs = Date.UTC(year, 0, 1) + hour * 3_600_000;
          const offsets = zoneClockOf(zone).yearOffsets(year);
          if (offsets) expect(offsetIn(offsets, instantMs)).toBe(icuOffsetMs(zone, instantMs));
        },
      ),
      { numRuns: 300 },
    );
  });

  // The assumption that lets whole years be skipped: after 2100 every zone follows its standing rule, so a
  // year's offsets are those of its kind's first year after 2100. Checked for every zone ICU knows, so an
  // update of the tz data that breaks it fails here.
  it('finds the offsets of any year after 2100 in the first year of its kind, for every zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
        fc.integer({ min: RULES_ONLY_AFTER_YEAR + 1, max: 275_000 }),
        fc.nat(365 * 24 * 4),
        (zone, year, quarterHour) => {
          const instantMs = Date.UTC(year, 0, 1) + quarterHour * 900_000;
          expect(offsetIn(zoneClockOf(zone).yearOffsets(year), instantMs)).toBe(icuOffsetMs(zone, instantMs));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('takes fixed offsets that Intl does not know, and refuses a zone that does not exist', () => {
    // Act / Assess
    expect(new ZoneClock('+05:30').instantOf(Date.UTC(2026, 5, 15) / DAY_MS, 540)).toBe(
      Date.parse('2026-06-15T03:30:00Z'),
    );
    expect(() => new ZoneClock('Mars/Olympus')).toThrow(RangeError);
  });
});
