import type { AlarmState, IncidentAlarm } from './incident.ts';

/**
 * What OpsDesk remembers about one alarm key between its events, beside the incidents: kept in the
 * key's guard item, which every alarm write replaces at the next `revision` only (so two writers
 * of one key never both win) and which points at the incident opened last for the key.
 */
export interface AlarmTrack {
  key: string;
  /** 0 before the first write; each write stores `revision + 1`. */
  revision: number;
  state?: AlarmState;
  /** The newest state change applied for the key. */
  lastStateChangeAt?: string;
  /** The last ALARM or OK state (INSUFFICIENT_DATA in between does not count as a change). */
  lastDecisiveState?: 'ALARM' | 'OK';
  /** When each ALARM↔OK change within the flapping window happened, oldest first. */
  flips: string[];
  /** The incident opened last for the key, open or not. */
  incidentId?: string;
  /** That incident's version as the alarm last wrote it: a higher one means someone else changed it. */
  incidentVersion?: number;
  /** Someone other than the alarm changed that incident (then an OK never resolves it). */
  changedByOthers?: boolean;
}

/**
 * The track of a key nothing has been recorded for yet.
 * @example untrackedAlarm('arn:aws:cloudwatch:eu-west-1:1:alarm:cpu').revision // 0
 */
export const untrackedAlarm = (key: string): AlarmTrack => ({ key, revision: 0, flips: [] });

/**
 * An incident's alarm with every field, whatever version of OpsDesk stored it: older incidents
 * lack `firstAlarmAt` (their last state change stands in) and `flapping` (false).
 * @example incidentAlarm({ name, arn, state: 'ALARM', occurrences: 2, lastStateChangeAt: t }).flapping // false
 */
export const incidentAlarm = (
  stored: Omit<IncidentAlarm, 'firstAlarmAt' | 'flapping'> & Partial<IncidentAlarm>,
): IncidentAlarm => ({
  ...stored,
  firstAlarmAt: stored.firstAlarmAt ?? stored.lastStateChangeAt,
  flapping: stored.flapping ?? false,
});
