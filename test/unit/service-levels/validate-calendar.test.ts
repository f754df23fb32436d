import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, validateCalendar } from '#domain/service-levels/index.ts';
import { berlinOffice } from './fixtures.ts';

describe('validateCalendar', () => {
  it('accepts a well-formed calendar with overnight and 24:00 intervals', () => {
    // Prepare
    const calendar: BusinessCalendar = {
      ...berlinOffice,
      week: { ...berlinOffice.week, sat: [['22:00', '06:00']], sun: [['18:00', '24:00']] },
    };

    // Act / Assess
    expect(validateCalendar(calendar)).toEqual([]);
  });

  it('names each bad field', () => {
    // Prepare
    const calendar = {
      timezone: 'Mars/Olympus_Mons',
      week: {
        mon: [['9:00', '17:00']],
        tue: [['09:00', '09:00']],
        wed: [['24:00', '06:00']],
        thu: [['08:00', '25:00']],
        fri: [['08:00']],
        monday: [],
      },
      holidays: ['2026-02-30', '2026-12-25', '25.12.2026'],
    } as unknown as BusinessCalendar;

    // Act
    const errors = validateCalendar(calendar);

    // Assess
    expect(errors.map((error) => error.path)).toEqual([
      'timezone',
      'week.mon[0][0]',
      'week.tue[0]',
      'week.wed[0][0]',
      'week.thu[0][1]',
      'week.fri[0]',
      'week.monday',
      'holidays[0]',
      'holidays[2]',
    ]);
    expect(errors[2]?.message).toBe('must not be empty');
  });

  it('rejects a week without business hours', () => {
    // Act
    const errors = validateCalendar({ timezone: 'UTC', week: { mon: [] }, holidays: [] });

    // Assess
    expect(errors).toEqual([{ path: 'week', message: 'must have at least one business interval' }]);
  });
});
