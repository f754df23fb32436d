import { describe, expect, it } from 'vitest';
import {
  addBusinessSeconds,
  type BusinessCalendar,
  businessSecondsBetween,
} from '#domain/service-levels/index.ts';

const allDay: Array<[string, string]> = [['00:00', '24:00']];
const roundTheClock: BusinessCalendar = {
  timezone: 'Asia/Tokyo',
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
  holidays: ['2026-06-17'],
};

// Regression: hours that join up day after day used to merge into one endless interval and hang.
describe('a calendar whose hours join up every day', () => {
  it('counts every second but the holiday, and adds across it', () => {
    // Act: from Monday 12:00 JST, 48 business hours; and the measure back
    const from = new Date('2026-06-15T03:00:00.000Z');
    const due = addBusinessSeconds(roundTheClock, from, 48 * 3600);
    const measured = businessSecondsBetween(roundTheClock, from, due);
    // Assess: Wednesday 2026-06-17 (JST) is skipped, so 72 wall hours
    expect(due.toISOString()).toBe('2026-06-18T03:00:00.000Z');
    expect(measured).toBe(48 * 3600);
  });

  it('joins overlapping night shifts without hanging', () => {
    const overlapping: BusinessCalendar = {
      timezone: 'Europe/Berlin',
      week: { ...roundTheClock.week, mon: [...allDay, ['22:00', '02:00']] },
      holidays: [],
    };
    const from = new Date('2026-06-15T00:00:00.000Z');
    expect(businessSecondsBetween(overlapping, from, new Date('2026-06-22T00:00:00.000Z'))).toBe(7 * 86_400);
  });
});
