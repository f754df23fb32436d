import type { FieldError } from '../errors.ts';
import { type BusinessCalendar, parseWallTime, WEEKDAYS } from './business-calendar.ts';
import { isTimeZone } from './time-zone.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// The zones SLA math can resolve are the list that matters here: Intl's, and fixed offsets.
const isKnownTimezone = (timezone: unknown) => typeof timezone === 'string' && isTimeZone(timezone);

const isCalendarDate = (text: unknown) => {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text; // rejects 2026-02-30, which Date would roll over
};

const intervalErrors = (interval: unknown, path: string): FieldError[] => {
  if (!Array.isArray(interval) || interval.length !== 2) {
    return [{ path, message: 'must be a pair ["HH:MM", "HH:MM"]' }];
  }
  const start = typeof interval[0] === 'string' ? parseWallTime(interval[0]) : undefined;
  const end = typeof interval[1] === 'string' ? parseWallTime(interval[1], { asEnd: true }) : undefined;
  const errors: FieldError[] = [];
  if (start === undefined)
    errors.push({ path: `${path}[0]`, message: 'must be a time HH:MM from 00:00 to 23:59' });
  if (end === undefined)
    errors.push({ path: `${path}[1]`, message: 'must be a time HH:MM from 00:00 to 24:00' });
  if (start !== undefined && start === end) errors.push({ path, message: 'must not be empty' });
  return errors;
};

/**
 * Everything wrong with a calendar, as field errors for a 422; empty when it is usable. Also rejects
 * a week without any interval, on which no SLA could ever come due.
 *
 * @example
 * validateCalendar({ timezone: 'Mars/Olympus', week: { mon: [['09:00', '9:00']] }, holidays: [] });
 * // [{ path: 'timezone', ... }, { path: 'week.mon[0][1]', ... }]
 */
export const validateCalendar = (calendar: BusinessCalendar): FieldError[] => {
  const errors: FieldError[] = [];
  if (!isKnownTimezone(calendar.timezone)) {
    errors.push({ path: 'timezone', message: 'must be an IANA time zone such as Europe/Berlin' });
  }
  let intervalCount = 0;
  for (const [day, intervals] of Object.entries(calendar.week ?? {})) {
    if (!(WEEKDAYS as readonly string[]).includes(day)) {
      errors.push({ path: `week.${day}`, message: `must be one of ${WEEKDAYS.join(', ')}` });
    } else if (!Array.isArray(intervals)) {
      errors.push({ path: `week.${day}`, message: 'must be a list of intervals' });
    } else {
      intervalCount += intervals.length;
      intervals.forEach((interval, index) => {
        errors.push(...intervalErrors(interval, `week.${day}[${index}]`));
      });
    }
  }
  if (intervalCount === 0) errors.push({ path: 'week', message: 'must have at least one business interval' });
  (Array.isArray(calendar.holidays) ? calendar.holidays : []).forEach((holiday, index) => {
    if (!isCalendarDate(holiday))
      errors.push({ path: `holidays[${index}]`, message: 'must be a date YYYY-MM-DD' });
  });
  if (!Array.isArray(calendar.holidays))
    errors.push({ path: 'holidays', message: 'must be a list of dates' });
  return errors;
};
