import type { BusinessCalendar } from './business-calendar.ts';
import type { SlaPolicy } from './sla-policy.ts';

/** A calendar as stored and served: the body an admin PUT, its id and when it last changed. */
export interface StoredCalendar extends BusinessCalendar {
  id: string;
  updatedAt: string;
}

/** A policy as stored and served (README, Service level management). */
export interface StoredPolicy extends SlaPolicy {
  updatedAt: string;
}

/** Every policy and calendar: small admin data, read whole. */
export interface ServiceLevelConfig {
  policies: StoredPolicy[];
  calendars: Record<string, StoredCalendar>;
}
