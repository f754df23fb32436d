import { conflict, type FieldError, validationError } from '../errors.ts';
import { clearingNulls, dropUndefined } from '../record/patch.ts';
import { type Actor, diffFields, type FieldChange, type RecordBase } from '../record/record.ts';
import type { RecentChangeFinding } from './change-findings.ts';
import {
  type HoldReason,
  type IncidentState,
  isAllowedIncidentMove,
  isOpenIncidentState,
} from './incident-states.ts';
import { incidentPriority, type Level, type Priority } from './priority.ts';

/** The states a CloudWatch alarm (or an OpsDesk threshold) reports. */
export type AlarmState = 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';

/**
 * The alarm an incident was opened for (README, Alarms to incidents): its state as last reported,
 * how many distinct ALARM events it counted, and whether it flaps. Incidents stored before
 * `firstAlarmAt` and `flapping` existed lack them; read through `incidentAlarm`.
 */
export interface IncidentAlarm {
  name: string;
  arn: string;
  state: AlarmState;
  /** Distinct ALARM events (by event id) while this incident was open. */
  occurrences: number;
  firstAlarmAt: string;
  /** The newest state change applied; an older event never moves the state back. */
  lastStateChangeAt: string;
  /** When the alarm last returned to OK; cleared by the next ALARM. */
  clearedAt?: string;
  /** Five or more ALARM/OK changes within 30 minutes; a flapping incident is never auto-resolved. */
  flapping: boolean;
}

export interface Incident extends RecordBase {
  title: string;
  description?: string;
  impact: Level;
  urgency: Level;
  priority: Priority;
  state: IncidentState;
  callerId: string;
  ciId?: string;
  serviceId?: string;
  assignmentGroup?: string;
  assignee?: string;
  category?: string;
  major: boolean;
  holdReason?: HoldReason;
  resolutionCode?: string;
  resolutionNotes?: string;
  parentId?: string;
  problemId?: string;
  changeIds: string[];
  slas: unknown[];
  alarm?: IncidentAlarm;
  impactedServices: Array<{ ciId: string; name: string }>;
  /** Recent changes on its CI or on what it needs (change correlation); set when the CI is. */
  findings?: RecentChangeFinding[];
  resolvedAt?: string;
  closedAt?: string;
}

export interface NewIncident {
  title: string;
  description?: string;
  impact: Level;
  urgency: Level;
  ciId?: string;
  serviceId?: string;
  assignmentGroup?: string;
  category?: string;
  callerId?: string;
  /** Creates a child incident (agents only, see `assertCanLogIncident`). */
  parentId?: string;
}

/** Fields a PATCH may set. `priority` is computed and `state` moves through the state machine. */
export interface IncidentPatch {
  title?: string;
  description?: string;
  impact?: Level;
  urgency?: Level;
  state?: IncidentState;
  holdReason?: HoldReason;
  resolutionCode?: string;
  resolutionNotes?: string;
  assignee?: string | null;
  assignmentGroup?: string | null;
  category?: string | null;
  ciId?: string | null;
  serviceId?: string | null;
  major?: boolean;
  parentId?: string | null;
  problemId?: string | null;
  changeIds?: string[];
}

/** The fields whose changes are recorded in history and events. */
export const trackedIncidentFields = [
  'title',
  'description',
  'impact',
  'urgency',
  'priority',
  'state',
  'callerId',
  'ciId',
  'serviceId',
  'assignmentGroup',
  'assignee',
  'category',
  'major',
  'holdReason',
  'resolutionCode',
  'resolutionNotes',
  'parentId',
  'problemId',
  'changeIds',
  'resolvedAt',
  'closedAt',
  'alarm',
] as const satisfies readonly (keyof Incident)[];

/**
 * A new incident, before the store gives it an id, a number and a version.
 * @example openIncident({ title: 'Mail down', impact: 1, urgency: 1 }, actor, now).priority // 1
 */
export const openIncident = (
  input: NewIncident,
  actor: Actor,
  now: string,
): Omit<Incident, 'id' | 'number' | 'version'> => {
  const errors = titleErrors(input.title);
  if (errors.length > 0) throw validationError(errors);
  return {
    ...input,
    callerId: input.callerId ?? actor.sub,
    priority: incidentPriority(input.impact, input.urgency),
    state: 'new',
    major: false,
    changeIds: [],
    slas: [],
    impactedServices: [],
    createdAt: now,
    updatedAt: now,
    createdBy: actor.sub,
  };
};

/**
 * Every incident has a title that says something: white space alone is not one (422).
 * @example titleErrors('  ') // [{ path: 'title', message: 'An incident needs a title' }]
 */
export const titleErrors = (title: string | undefined): FieldError[] =>
  (title ?? '').trim().length > 0 ? [] : [{ path: 'title', message: 'An incident needs a title' }];

/** Fields each state needs (README, Incident management). */
const requiredFieldErrors = (incident: Incident): FieldError[] => {
  const errors: FieldError[] = [];
  if (incident.state === 'on_hold' && !incident.holdReason)
    errors.push({ path: 'holdReason', message: 'on_hold needs a holdReason' });
  if (incident.state === 'resolved') {
    if (!incident.resolutionCode)
      errors.push({ path: 'resolutionCode', message: 'resolved needs a resolutionCode' });
    if (!incident.resolutionNotes)
      errors.push({ path: 'resolutionNotes', message: 'resolved needs resolutionNotes' });
  }
  return errors;
};

/**
 * Applies a PATCH: checks the move, recomputes priority, stamps state times and checks the
 * fields the new state needs. Returns the changed incident and its field changes (not yet versioned).
 * @example applyIncidentChange(incident, { state: 'in_progress' }, now).changes[0].field // 'state'
 */
export const applyIncidentChange = (
  incident: Incident,
  patch: IncidentPatch,
  now: string,
): { incident: Incident; changes: FieldChange[] } => {
  const target = patch.state ?? incident.state;
  if (target !== incident.state && !isAllowedIncidentMove(incident.state, target))
    throw conflict(`An incident cannot move from ${incident.state} to ${target}`, {
      from: incident.state,
      to: target,
    });
  if (patch.parentId && patch.parentId === incident.id)
    throw validationError([{ path: 'parentId', message: 'An incident cannot be its own parent' }]);
  const next: Incident = { ...incident, ...clearingNulls<Incident>(patch) };
  next.priority = incidentPriority(next.impact, next.urgency);
  if (target !== incident.state) stampStateChange(next, incident.state, target, now);
  const errors = [
    ...(patch.title === undefined ? [] : titleErrors(patch.title)),
    ...requiredFieldErrors(next),
  ];
  if (errors.length > 0) throw validationError(errors, `The incident cannot be ${target} without its fields`);
  const changes = diffFields(incident, next, trackedIncidentFields);
  if (changes.length > 0) next.updatedAt = now;
  return { incident: dropUndefined(next), changes };
};

const stampStateChange = (next: Incident, from: IncidentState, to: IncidentState, now: string) => {
  if (from === 'on_hold') next.holdReason = undefined;
  if (to === 'resolved') next.resolvedAt = now;
  if (to === 'closed') next.closedAt = now;
  if (from === 'resolved' && to === 'in_progress') {
    next.resolvedAt = undefined;
    next.resolutionCode = undefined;
    next.resolutionNotes = undefined;
  }
};

/**
 * Resolves a child because its parent was resolved: a system action that skips the move
 * rule (a `new` child resolves too) and copies the parent's resolution.
 */
export const resolveWithParent = (
  child: Incident,
  parent: Incident,
  now: string,
): { incident: Incident; changes: FieldChange[] } => {
  const next = dropUndefined<Incident>({
    ...child,
    state: 'resolved',
    holdReason: undefined,
    resolutionCode: parent.resolutionCode ?? 'resolved_by_parent',
    resolutionNotes: `Resolved with parent ${parent.number}: ${parent.resolutionNotes ?? ''}`.trim(),
    resolvedAt: now,
    updatedAt: now,
  });
  return { incident: next, changes: diffFields(child, next, trackedIncidentFields) };
};

export const isOpenIncident = (incident: Pick<Incident, 'state'>): boolean =>
  isOpenIncidentState(incident.state);
