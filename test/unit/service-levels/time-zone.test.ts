import { TZDate, tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOfWallMs, isTimeZone, offsetMsOf, wallMsOf } from '#domain/service-levels/time-zone.ts';
import { localDateOfDay, wallTimeToInstant } from '#domain/service-levels/wall-clock.ts';
import { changesOf, DAY_MS } from './business-time-arbitraries.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** A wall time written as the instant a UTC clock reads it, the form the module takes and gives. */
const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('offsets at known changes', () => {
  it.each([
    ['Europe/London', '2026-03-29T00:59:59Z', 0, 1],
    ['Europe/London', '2026-10-25T00:59:59Z', 1, 0],
    ['America/New_York', '2026-03-08T06:59:59Z', -5, -4],
    ['America/New_York', '2026-11-01T05:59:59Z', -4, -5],
    // Half an hour of daylight saving
    ['Australia/Lord_Howe', '2026-04-04T14:59:59Z', 11, 10.5],
    ['Australia/Lord_Howe', '2026-10-03T15:29:59Z', 10.5, 11],
    // Southern hemisphere: summer time from October to April
    ['Australia/Sydney', '2026-04-04T15:59:59Z', 11, 10],
    ['Australia/Sydney', '2026-10-03T15:59:59Z', 10, 11],
    // Standard offsets that changed: Moscow on permanent summer time and back, Pyongyang's own time
    ['Europe/Moscow', '2011-03-26T22:59:59Z', 3, 4],
    ['Europe/Moscow', '2014-10-25T21:59:59Z', 4, 3],
    ['Asia/Pyongyang', '2015-08-14T14:59:59Z', 9, 8.5],
    ['Asia/Pyongyang', '2018-05-04T14:59:59Z', 8.5, 9],
    // Samoa crossed the date line: 2011-12-30 never happened there
    ['Pacific/Apia', '2011-12-30T09:59:59Z', -10, 14],
  ])('%s changes at the second after %s from %d h to %d h', (zone, lastSecond, beforeHours, afterHours) => {
    // Prepare
    const lastMs = Date.parse(lastSecond);

    // Act / Assess
    expect(offsetMsOf(zone, lastMs) / HOUR_MS).toBe(beforeHours);
    expect(offsetMsOf(zone, lastMs + 1000) / HOUR_MS).toBe(afterHours);
  });

  it('keeps the seconds of local mean time', () => {
    // Act / Assess: Madras time, +05:21:10, until 1906
    expect(offsetMsOf('Asia/Kolkata', Date.parse('1900-01-01T00:00:00Z'))).toBe(
      ((5 * 60 + 21) * 60 + 10) * 1000,
    );
    expect(iso(wallMsOf('Asia/Kolkata', Date.parse('1900-01-01T00:00:00Z')))).toBe(
      '1900-01-01T05:21:10.000Z',
    );
  });

  it.each([
    ['UTC', 0],
    ['utc', 0],
    ['Etc/GMT+5', -5], // POSIX signs: five hours behind
    ['+05:30', 5.5],
    ['+0530', 5.5],
    ['+05', 5],
    ['-03:30', -3.5],
    ['UTC+05:30', 5.5], // an offset is found anywhere in the text, as calendars were validated
  ])('reads %s as %d h all year', (zone, hours) => {
    // Act / Assess
    expect(offsetMsOf(zone, Date.parse('2026-01-15T12:00:00Z')) / HOUR_MS).toBe(hours);
    expect(offsetMsOf(zone, Date.parse('2026-07-15T12:00:00Z')) / HOUR_MS).toBe(hours);
  });

  // One of the two places where this module and @date-fns/tz (what SLA math used before) part: tzOffset takes
  // the sign from the hours, which are -0 here, so it read these offsets as ahead of UTC. No zone has had one
  // since 1972.
  it('reads a negative offset under an hour as behind UTC', () => {
    // Prepare
    const monroviaMs = Date.parse('1960-01-01T00:00:00Z');

    // Act / Assess
    expect(offsetMsOf('-00:30', 0)).toBe(-30 * MINUTE_MS);
    expect(offsetMsOf('Africa/Monrovia', monroviaMs)).toBe(-(44 * 60 + 30) * 1000);
    expect(iso(wallMsOf('Africa/Monrovia', monroviaMs))).toBe('1959-12-31T23:15:30.000Z');
  });
});

describe('zones', () => {
  it('knows the IANA names and fixed offsets calendars have been validated against, and nothing else', () => {
    // Prepare
    const known = ['Europe/Berlin', 'europe/berlin', 'US/Eastern', 'EST5EDT', 'UTC', 'Etc/GMT+5', 'GMT'];
    const fixed = ['+05:30', '+0530', '+05', '-03:30', '+14:00', 'UTC+05:30', 'GMT-03:00'];
    const unknown = ['', 'Mars/Olympus_Mons', '+5', '05:00', 'GMT+5', 'Z', 'Europe/Berlinn'];

    // Act / Assess: the same verdict as the library's, which the validation asked before
    const acceptedBefore = (zone: string) => !Number.isNaN(+new TZDate(2026, 0, 1, zone));
    for (const zone of [...known, ...fixed]) expect([zone, isTimeZone(zone)]).toEqual([zone, true]);
    for (const zone of unknown) expect([zone, isTimeZone(zone)]).toEqual([zone, false]);
    for (const zone of [...known, ...fixed, ...unknown]) {
      expect([zone, isTimeZone(zone)]).toEqual([zone, acceptedBefore(zone)]);
    }
  });

  it('answers NaN for a zone that is not one, and for an instant outside the range of Date', () => {
    // Act / Assess
    expect(offsetMsOf('Mars/Olympus_Mons', 0)).toBeNaN();
    expect(wallMsOf('Mars/Olympus_Mons', 0)).toBeNaN();
    expect(instantOfWallMs('Mars/Olympus_Mons', 0)).toBeNaN();
    expect(offsetMsOf('Europe/Berlin', 8.64e15 + 1)).toBeNaN();
  });
});

describe('wall times as instants', () => {
  it.each([
    ['Europe/London', '2026-03-29T01:30', '2026-03-29T01:30:00.000Z'], // 02:30 BST
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:30:00.000Z'], // 03:30 EDT
    ['Australia/Lord_Howe', '2026-10-04T02:10', '2026-10-03T15:40:00.000Z'], // 02:40 +11
    ['Australia/Sydney', '2026-10-04T02:30', '2026-10-03T16:30:00.000Z'], // 03:30 AEDT
    ['Asia/Pyongyang', '2018-05-04T23:40', '2018-05-04T15:10:00.000Z'], // 00:10 +09
    ['Pacific/Apia', '2011-12-30T12:00', '2011-12-30T22:00:00.000Z'], // a day later, 2011-12-31 12:00 +14
  ])('moves %s %s, which clocks skip, forward by the skip', (zone, wallTime, instant) => {
    // Act / Assess
    expect(iso(instantOfWallMs(zone, wall(wallTime)))).toBe(instant);
  });

  // The other place where this module and @date-fns/tz part: it split offsets into minutes and seconds, and
  // within hours of a change to or from an offset with seconds it could land an hour or a few seconds off (St
  // John's 00:05 below read 01:05; Adak's skipped 12:01 read 12:47:00). No zone has had such an offset since 1972.
  it('reads wall times next to a change of an offset with seconds exactly', () => {
    // Act / Assess: St John's went from -03:30:52 at 23:00 to -02:30:52 at 00:00 on 1929-05-06; Adak from
    // -11:46:38 at 12:00 to -11:00 at 12:46:38 on 1900-08-20
    expect(iso(instantOfWallMs('America/St_Johns', wall('1929-05-06T00:05')))).toBe(
      '1929-05-06T02:35:52.000Z',
    );
    expect(iso(instantOfWallMs('America/Adak', wall('1900-08-20T12:01')))).toBe('1900-08-20T23:47:38.000Z');
  });

  it('crosses a skip shorter than 30 minutes backward, as SLA clocks always have', () => {
    // Act / Assess: Kathmandu went from +05:30 to +05:45 at midnight on 1986-01-01
    expect(iso(instantOfWallMs('Asia/Kathmandu', wall('1986-01-01T00:05')))).toBe('1985-12-31T18:20:00.000Z');
  });

  it('takes a repeated wall time at either occurrence, as the zone has it, and wallTimeToInstant at the first', () => {
    // Prepare: wall times that clocks read twice on these nights
    const repeated: [string, string, string, string][] = [
      ['Europe/London', '2026-10-25T01:30', '2026-10-25T01:30:00.000Z', '2026-10-25T00:30:00.000Z'],
      ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z', '2026-11-01T05:30:00.000Z'],
      ['Australia/Lord_Howe', '2026-04-05T01:45', '2026-04-04T15:15:00.000Z', '2026-04-04T14:45:00.000Z'],
    ];

    for (const [zone, wallTime, either, first] of repeated) {
      // Act
      const wallMs = wall(wallTime);
      const instantMs = instantOfWallMs(zone, wallMs);
      const firstMs = wallTimeToInstant(
        zone,
        localDateOfDay(Math.floor(wallMs / DAY_MS)),
        (wallMs % DAY_MS) / MINUTE_MS,
      );

      // Assess
      expect(iso(wallMsOf(zone, instantMs))).toBe(`${wallTime}:00.000Z`);
      expect([zone, iso(instantMs), iso(firstMs)]).toEqual([zone, either, first]);
    }
  });

  it('reads fixed offsets and UTC as plain arithmetic', () => {
    // Act / Assess
    expect(iso(instantOfWallMs('+05:30', wall('2026-06-15T09:00')))).toBe('2026-06-15T03:30:00.000Z');
    expect(iso(instantOfWallMs('-0330', wall('2026-06-15T09:00')))).toBe('2026-06-15T12:30:00.000Z');
    expect(iso(instantOfWallMs('UTC', wall('2026-06-15T09:00')))).toBe('2026-06-15T09:00:00.000Z');
  });
});

/**
 * Daylight saving at 01:00–03:00, at midnight, by 30 minutes and by 2 hours, at odd offsets, around
 * Ramadan, south of the equator, on changed standard offsets, in local mean time, and none at all.
 */
const ORACLE_ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'Europe/Dublin',
  'Europe/Moscow',
  'America/New_York',
  'America/St_Johns',
  'America/Havana',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Caracas',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Antarctica/Troll',
  'Pacific/Chatham',
  'Pacific/Apia',
  'Pacific/Kiritimati',
  'Africa/Casablanca',
  'Africa/Monrovia',
  'Asia/Gaza',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Pyongyang',
  'UTC',
  'Etc/GMT+5',
];
const FIXED_OFFSETS = ['+05:30', '-03:30', '+0545', '+14', '-12:00', '+00:00'];

const FROM_MS = Date.UTC(1900, 0, 1);
const TO_MS = Date.UTC(2100, 11, 31);

/** Around `instantMs`, whether an offset of `zone` is what tzOffset misreads (see above). */
const misreadByTzOffset = (zone: string, instantMs: number) =>
  [instantMs - DAY_MS, instantMs, instantMs + DAY_MS].some((ms) => {
    const offsetMs = offsetMsOf(zone, ms);
    return offsetMs < 0 && offsetMs > -HOUR_MS;
  });

/** Around `wallMs`, whether `zone` changes to or from an offset with seconds (see above). */
const nearChangeWithSeconds = (zone: string, wallMs: number) => {
  const offsets = [wallMs - DAY_MS, wallMs, wallMs + DAY_MS].map((ms) => offsetMsOf(zone, ms));
  return new Set(offsets).size > 1 && offsets.some((offsetMs) => offsetMs % MINUTE_MS !== 0);
};

/** Where the library is no oracle for wall times: two slips of its own, at offsets no zone has had since 1972. */
const libraryDiffers = (zone: string, wallMs: number) =>
  misreadByTzOffset(zone, wallMs) || nearChangeWithSeconds(zone, wallMs);

const oracleOffsetMs = (zone: string, instantMs: number) =>
  Math.round(tzOffset(zone, new Date(instantMs)) * MINUTE_MS);

const oracleWallMs = (zone: string, instantMs: number) => {
  const local = new TZDate(instantMs, zone);
  return Date.UTC(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
  );
};

const oracleInstantOf = (zone: string, wallMs: number) => {
  const local = new Date(wallMs);
  return +new TZDate(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    0,
    zone,
  );
};

const zoneArb = fc.constantFrom(...ORACLE_ZONES, ...FIXED_OFFSETS);

/** A whole-minute wall time `minutes` from one of the zone's offset changes in `year`, if it has any. */
const wallNearChangeMs = (zone: string, year: number, pick: number, minutes: number) => {
  const changes = changesOf(zone, year);
  const hourMs = changes[pick % Math.max(changes.length, 1)];
  if (hourMs === undefined) return undefined;
  return Math.floor(wallMsOf(zone, hourMs) / MINUTE_MS) * MINUTE_MS + minutes * MINUTE_MS;
};

describe('against @date-fns/tz, what SLA math used before', () => {
  it('gives the same offset and wall reading at any instant from 1900 to 2100', () => {
    fc.assert(
      fc.property(zoneArb, fc.integer({ min: FROM_MS, max: TO_MS }), (zone, instantMs) => {
        fc.pre(!misreadByTzOffset(zone, instantMs));
        expect(offsetMsOf(zone, instantMs)).toBe(oracleOffsetMs(zone, instantMs));
        expect(wallMsOf(zone, instantMs)).toBe(oracleWallMs(zone, instantMs));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the same instant for the wall time of any instant from 1900 to 2100, and the minutes around it', () => {
    fc.assert(
      fc.property(
        zoneArb,
        fc.integer({ min: FROM_MS, max: TO_MS }),
        fc.integer({ min: -180, max: 180 }),
        (zone, instantMs, minutes) => {
          const wallMs = Math.floor(wallMsOf(zone, instantMs) / MINUTE_MS) * MINUTE_MS + minutes * MINUTE_MS;
          fc.pre(!libraryDiffers(zone, wallMs));
          expect(instantOfWallMs(zone, wallMs)).toBe(oracleInstantOf(zone, wallMs));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives the same instant for wall times near offset changes from 1900 to 2100, skipped and repeated ones', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORACLE_ZONES),
        fc.integer({ min: 1900, max: 2100 }),
        fc.nat(),
        fc.integer({ min: -180, max: 180 }),
        (zone, year, pick, minutes) => {
          const wallMs = wallNearChangeMs(zone, year, pick, minutes);
          fc.pre(wallMs !== undefined && !libraryDiffers(zone, wallMs));
          expect(instantOfWallMs(zone, wallMs)).toBe(oracleInstantOf(zone, wallMs));
          expect(wallMsOf(zone, instantOfWallMs(zone, wallMs))).toBe(
            oracleWallMs(zone, oracleInstantOf(zone, wallMs)),
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
