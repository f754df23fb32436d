import { type FieldError, notFound, validationError } from '#domain/errors.ts';
import { incidentStates } from '#domain/incident/incident-states.ts';
import { requestStates } from '#domain/request/service-request.ts';
import {
  type BusinessCalendar,
  RECORD_LIFECYCLES,
  type SlaPolicy,
  type SlaRecordKind,
  validateCalendar,
} from '#domain/service-levels/index.ts';
import type { StoredCalendar, StoredPolicy } from '#domain/service-levels/service-level-config.ts';
import type { Outcome, ServiceLevelAdminDeps, ServiceLevelDeps } from '../dependencies.ts';

const statesOf: Record<SlaRecordKind, readonly string[]> = {
  incident: incidentStates,
  request: requestStates,
};

/**
 * Sets a business calendar (admin). 201 when new, 200 when replaced. Records pick the change up the
 * next time their SLAs are recomputed (any change, the sweep, the report).
 *
 * @example
 * await setCalendar(deps, 'berlin-office', { timezone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] }, holidays: [] });
 */
export const setCalendar = async (
  deps: ServiceLevelAdminDeps,
  id: string,
  input: Omit<BusinessCalendar, 'holidays'> & { holidays?: string[] },
): Promise<Outcome<StoredCalendar>> => {
  const calendar: BusinessCalendar = {
    timezone: input.timezone,
    week: input.week,
    holidays: input.holidays ?? [],
  };
  const errors = validateCalendar(calendar);
  if (errors.length > 0) throw validationError(errors);
  const stored: StoredCalendar = { id, ...calendar, updatedAt: deps.clock.now().toISOString() };
  const { created } = await deps.serviceLevels.putCalendar(stored);
  return { status: created ? 201 : 200, body: stored };
};

/** Rules a policy must meet beyond its schema: pause states of its record type, a known calendar. */
const policyErrors = (policy: SlaPolicy, calendars: Record<string, unknown>): FieldError[] => {
  const errors: FieldError[] = [];
  const lifecycle = RECORD_LIFECYCLES[policy.recordType];
  const never: string[] = [lifecycle.start, ...lifecycle.resolved, ...lifecycle.ended];
  policy.pauseStates.forEach((state, index) => {
    if (!statesOf[policy.recordType].includes(state) || never.includes(state))
      errors.push({
        path: `pauseStates[${index}]`,
        message: `must be a working state of a ${policy.recordType}, not ${never.join(', ')}`,
      });
  });
  if (policy.calendarId !== undefined && calendars[policy.calendarId] === undefined)
    errors.push({ path: 'calendarId', message: 'no calendar with that id' });
  return errors;
};

/**
 * Sets an SLA policy (admin). 201 when new, 200 when replaced. `priorities` absent means every
 * priority, `calendarId` absent means 24x7, `warnAt` defaults to none (the breach is implied).
 *
 * @example
 * await setPolicy(deps, 'p1-resolution', { recordType: 'incident', priorities: [1], metric: 'resolution', targetSeconds: 14_400 });
 */
export const setPolicy = async (
  deps: ServiceLevelAdminDeps,
  id: string,
  input: Omit<SlaPolicy, 'id' | 'pauseStates' | 'warnAt'> & { pauseStates?: string[]; warnAt?: number[] },
): Promise<Outcome<StoredPolicy>> => {
  const policy: SlaPolicy = {
    id,
    recordType: input.recordType,
    ...(input.priorities === undefined ? {} : { priorities: [...new Set(input.priorities)].sort() }),
    metric: input.metric,
    targetSeconds: input.targetSeconds,
    ...(input.calendarId === undefined ? {} : { calendarId: input.calendarId }),
    pauseStates: [...new Set(input.pauseStates ?? [])],
    warnAt: [...new Set(input.warnAt ?? [])].sort((a, b) => a - b),
  };
  const config = await deps.serviceLevels.config({ fresh: true });
  const errors = policyErrors(policy, config.calendars);
  if (errors.length > 0) throw validationError(errors);
  const stored: StoredPolicy = { ...policy, updatedAt: deps.clock.now().toISOString() };
  const { created } = await deps.serviceLevels.putPolicy(stored);
  return { status: created ? 201 : 200, body: stored };
};

export const getCalendar = async (deps: ServiceLevelDeps, id: string): Promise<StoredCalendar> => {
  const calendar = (await deps.serviceLevels.config({ fresh: true })).calendars[id];
  if (!calendar) throw notFound('No calendar with that id');
  return calendar;
};

export const getPolicy = async (deps: ServiceLevelDeps, id: string): Promise<StoredPolicy> => {
  const policy = (await deps.serviceLevels.config({ fresh: true })).policies.find(
    (candidate) => candidate.id === id,
  );
  if (!policy) throw notFound('No SLA policy with that id');
  return policy;
};

/** Calendars and policies are few admin items: a list is their whole partition, one Query. */
export const listCalendars = async (deps: ServiceLevelDeps) => ({
  items: Object.values((await deps.serviceLevels.config({ fresh: true })).calendars),
  nextCursor: null,
});

export const listPolicies = async (deps: ServiceLevelDeps, recordType?: SlaRecordKind) => ({
  items: (await deps.serviceLevels.config({ fresh: true })).policies.filter(
    (policy) => recordType === undefined || policy.recordType === recordType,
  ),
  nextCursor: null,
});
