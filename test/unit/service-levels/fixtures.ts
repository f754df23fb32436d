import type { BusinessCalendar, SlaPolicy } from '#domain/service-levels/index.ts';

/** Mon–Fri 09:00–17:00 in Berlin, Christmas Day off. */
export const berlinOffice: BusinessCalendar = {
  timezone: 'Europe/Berlin',
  week: {
    mon: [['09:00', '17:00']],
    tue: [['09:00', '17:00']],
    wed: [['09:00', '17:00']],
    thu: [['09:00', '17:00']],
    fri: [['09:00', '17:00']],
  },
  holidays: ['2026-12-25'],
};

export const policy = (overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'incident-resolution',
  recordType: 'incident',
  metric: 'resolution',
  targetSeconds: 14_400,
  pauseStates: ['on_hold'],
  warnAt: [50, 75],
  ...overrides,
});

export const at = (iso: string) => new Date(iso);
