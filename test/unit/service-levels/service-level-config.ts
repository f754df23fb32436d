import type { ServiceLevelConfig, StoredPolicy } from '#domain/service-levels/service-level-config.ts';
import { berlinOffice } from './fixtures.ts';

const updatedAt = '2026-06-01T00:00:00.000Z';

/** P1 resolution in 4 h, 24x7, warnings at 50 and 75 %, paused on hold. */
export const p1Resolution: StoredPolicy = {
  id: 'p1-resolution',
  recordType: 'incident',
  priorities: [1],
  metric: 'resolution',
  targetSeconds: 14_400,
  pauseStates: ['on_hold'],
  warnAt: [50, 75],
  updatedAt,
};

/** P3 resolution in 8 business hours on the Berlin office calendar. */
export const p3Resolution: StoredPolicy = {
  id: 'p3-resolution',
  recordType: 'incident',
  priorities: [3],
  metric: 'resolution',
  targetSeconds: 28_800,
  calendarId: 'berlin-office',
  pauseStates: ['on_hold'],
  warnAt: [],
  updatedAt,
};

export const config: ServiceLevelConfig = {
  policies: [p1Resolution, p3Resolution],
  calendars: {
    // The SLA clock's office calendar, without its holiday.
    'berlin-office': { ...berlinOffice, id: 'berlin-office', holidays: [], updatedAt },
  },
};

/** Monday 2026-06-15 09:00 CEST. */
export const mondayNine = '2026-06-15T07:00:00.000Z';
