import { describe, expect, it } from 'vitest';
import {
  addBusinessSeconds,
  type BusinessCalendar,
  businessSecondsBetween,
} from '#domain/service-levels/index.ts';
import { at, berlinOffice } from './fixtures.ts';

const sundayOnly = (timezone: string, start: string, end: string): BusinessCalendar => ({
  timezone,
  week: { sun: [[start, end]] },
  holidays: [],
});

describe('business time on a Mon–Fri 09:00–17:00 Berlin calendar', () => {
  it('crosses a night, a weekend and a holiday', () => {
    // Prepare: Thu 2026-12-24 16:00 CET; Fri 25 is a holiday
    const from = at('2026-12-24T15:00:00Z');

    // Act: 4 h = Thu 16–17 (1 h) + Mon 28 09:00–12:00 CET (3 h)
    const due = addBusinessSeconds(berlinOffice, from, 14_400);
    const measured = businessSecondsBetween(berlinOffice, from, due);

    // Assess
    expect(due.toISOString()).toBe('2026-12-28T11:00:00.000Z');
    expect(measured).toBe(14_400);
  });

  it('ends a target that fills a day exactly at closing time, not at the next opening', () => {
    // Prepare: Mon 2026-06-01 09:00 CEST, 30 business days = 6 weeks without holidays
    const from = at('2026-06-01T07:00:00Z');

    // Act
    const due = addBusinessSeconds(berlinOffice, from, 30 * 8 * 3600);

    // Assess: Fri 2026-07-10 17:00 CEST
    expect(due.toISOString()).toBe('2026-07-10T15:00:00.000Z');
  });

  it('counts nothing backwards and every second without a calendar (24x7)', () => {
    // Prepare
    const from = at('2026-03-07T22:00:00Z');
    const to = at('2026-03-09T01:30:00Z');

    // Act / Assess: 27.5 h of wall time
    expect(businessSecondsBetween(undefined, from, to)).toBe(99_000);
    expect(addBusinessSeconds(undefined, from, 99_000)).toEqual(to);
    expect(businessSecondsBetween(berlinOffice, to, from)).toBe(0);
  });
});

describe('overnight intervals', () => {
  // Prepare: night shifts Mon–Fri 22:00–06:00 UTC; Tue 2026-06-16 is a holiday
  const nights: BusinessCalendar = {
    timezone: 'UTC',
    week: {
      mon: [['22:00', '06:00']],
      tue: [['22:00', '06:00']],
      wed: [['22:00', '06:00']],
      thu: [['22:00', '06:00']],
      fri: [['22:00', '06:00']],
    },
    holidays: ['2026-06-16'],
  };

  it('drops only the night that starts on a holiday', () => {
    // Act: Mon night (8 h) counts, Tue night (starts on the holiday) not, Wed night (8 h) counts
    const week = businessSecondsBetween(nights, at('2026-06-15T00:00:00Z'), at('2026-06-18T12:00:00Z'));
    const holidayDay = businessSecondsBetween(nights, at('2026-06-16T05:00:00Z'), at('2026-06-16T23:00:00Z'));

    // Assess: on the holiday only 05:00–06:00, the tail of Monday's night
    expect(week).toBe(57_600);
    expect(holidayDay).toBe(3_600);
  });

  it("counts Friday's night into Saturday morning", () => {
    // Act: Sat 2026-06-20 00:00–12:00
    const saturday = businessSecondsBetween(nights, at('2026-06-20T00:00:00Z'), at('2026-06-20T12:00:00Z'));

    // Assess: 00:00–06:00
    expect(saturday).toBe(21_600);
  });

  it('accepts 24:00 as an end and joins it to the next day', () => {
    // Prepare: Sat 18:00–24:00 and Sun 00:00–02:00
    const weekendEvening: BusinessCalendar = {
      timezone: 'UTC',
      week: { sat: [['18:00', '24:00']], sun: [['00:00', '02:00']] },
      holidays: [],
    };

    // Act
    const due = addBusinessSeconds(weekendEvening, at('2026-06-20T20:00:00Z'), 5 * 3600);
    const total = businessSecondsBetween(
      weekendEvening,
      at('2026-06-20T17:00:00Z'),
      at('2026-06-21T03:00:00Z'),
    );

    // Assess: Sat 20–24 (4 h) + Sun 00–01; and 18:00–02:00 is 8 h
    expect(due.toISOString()).toBe('2026-06-21T01:00:00.000Z');
    expect(total).toBe(28_800);
  });
});

describe('daylight saving', () => {
  it.each([
    // Berlin 2026-03-29: 01:00 CET = 00:00Z, 05:00 CEST = 03:00Z
    ['Europe/Berlin', '2026-03-28T12:00:00Z', '2026-03-29T00:00:00Z', 10_800, '2026-03-29T03:00:00.000Z'],
    // Berlin 2026-10-25: 01:00 CEST = 23:00Z the day before, 05:00 CET = 04:00Z
    ['Europe/Berlin', '2026-10-24T12:00:00Z', '2026-10-24T23:00:00Z', 18_000, '2026-10-25T04:00:00.000Z'],
    // New York 2026-03-08: 01:00 EST = 06:00Z, 05:00 EDT = 09:00Z
    ['America/New_York', '2026-03-07T12:00:00Z', '2026-03-08T06:00:00Z', 10_800, '2026-03-08T09:00:00.000Z'],
    // New York 2026-11-01: 01:00 EDT = 05:00Z, 05:00 EST = 10:00Z
    ['America/New_York', '2026-10-31T12:00:00Z', '2026-11-01T05:00:00Z', 18_000, '2026-11-01T10:00:00.000Z'],
  ])('01:00–05:00 in %s from %s lasts %d s', (timezone, dayBefore, opening, seconds, closing) => {
    // Prepare
    const calendar = sundayOnly(timezone, '01:00', '05:00');

    // Act
    const measured = businessSecondsBetween(
      calendar,
      at(dayBefore),
      new Date(Date.parse(dayBefore) + 2 * 86_400_000),
    );
    const end = addBusinessSeconds(calendar, at(dayBefore), seconds);

    // Assess: the whole interval is counted once and ends at the real closing instant
    expect(measured).toBe(seconds);
    expect(addBusinessSeconds(calendar, at(dayBefore), 1).getTime()).toBe(Date.parse(opening) + 1000);
    expect(end.toISOString()).toBe(closing);
  });

  it.each([
    // 02:30 does not exist on 2026-03-29: read as 03:30 CEST (01:30Z); 04:00 CEST = 02:00Z
    ['Europe/Berlin', '02:30', '04:00', '2026-03-29', 1_800],
    // 02:30 happens twice on 2026-10-25: the first, CEST (00:30Z); 04:00 CET = 03:00Z
    ['Europe/Berlin', '02:30', '04:00', '2026-10-25', 9_000],
    // an ordinary Sunday
    ['Europe/Berlin', '02:30', '04:00', '2026-03-22', 5_400],
    // 01:30 EST = 06:30Z; 03:00 EDT = 07:00Z
    ['America/New_York', '01:30', '03:00', '2026-03-08', 1_800],
    // 01:30 happens twice on 2026-11-01: the first, EDT (05:30Z); 03:00 EST = 08:00Z
    ['America/New_York', '01:30', '03:00', '2026-11-01', 9_000],
  ])('%s %s–%s on %s lasts %d s', (timezone, start, end, day, seconds) => {
    // Prepare
    const calendar = sundayOnly(timezone, start, end);
    const dayStart = Date.parse(`${day}T00:00:00Z`);

    // Act
    const measured = businessSecondsBetween(
      calendar,
      new Date(dayStart - 86_400_000),
      new Date(dayStart + 86_400_000),
    );

    // Assess
    expect(measured).toBe(seconds);
  });
});
