/** An alarm incident later alarms on a service join (README, Alarms to incidents): one per service. */
export interface AlarmGroup {
  serviceId: string;
  incidentId: string;
  /** When that incident opened. */
  openedAt: string;
}

/**
 * The group a new alarm incident joins as a child: of the groups of the services its CI impacts,
 * the one opened first within the window (`ALARM_GROUP_WINDOW_SECONDS`); none if all are older.
 * @example groupToJoin([{ serviceId: 'svc', incidentId: 'inc-1', openedAt: '2027-03-04T10:00:00.000Z' }], '2027-03-04T10:05:00.000Z', 600)?.incidentId // 'inc-1'
 */
export const groupToJoin = (
  groups: readonly AlarmGroup[],
  now: string,
  windowSeconds: number,
): AlarmGroup | undefined => {
  const since = Date.parse(now) - windowSeconds * 1000;
  return groups
    .filter((group) => Date.parse(group.openedAt) >= since)
    .sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt))[0];
};
