import { dropUndefined } from '../record/patch.ts';
import { diffFields, type FieldChange } from '../record/record.ts';
import { type Incident, type IncidentAlarm, trackedIncidentFields } from './incident.ts';

/** The resolution code of an incident its alarm resolved (README, Alarms to incidents). */
export const autoResolvedCode = 'auto_resolved';

/**
 * The incident with its alarm's next state; when `resolve`, also resolved by the alarm's return
 * to OK: a system action, like a parent resolving its children, so it skips the move rule (a
 * `new` incident resolves too).
 * @example withAlarm(incident, { ...incident.alarm, state: 'OK' }, now, true).incident.resolutionCode // 'auto_resolved'
 */
export const withAlarm = (
  incident: Incident,
  alarm: IncidentAlarm,
  now: string,
  resolve: boolean,
): { incident: Incident; changes: FieldChange[] } => {
  const next = dropUndefined<Incident>({
    ...incident,
    alarm,
    updatedAt: now,
    ...(resolve
      ? {
          state: 'resolved',
          holdReason: undefined,
          resolutionCode: autoResolvedCode,
          resolutionNotes: `Alarm ${alarm.name} returned to OK at ${alarm.lastStateChangeAt}`,
          resolvedAt: now,
        }
      : {}),
  });
  return { incident: next, changes: diffFields(incident, next, trackedIncidentFields) };
};
