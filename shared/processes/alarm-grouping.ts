import { groupToJoin } from '#domain/incident/alarm-grouping.ts';
import { type Incident, isOpenIncident } from '#domain/incident/incident.ts';
import type { RecordWrite } from '#ports/record-store.ts';
import type { AlarmDeps } from './dependencies.ts';

/**
 * Alert grouping through the CMDB (README, Alarms to incidents): a new alarm incident whose CI
 * impacts a service that an open alarm incident opened within the group window also impacts
 * becomes that incident's child (`parentId`); otherwise it founds the group of each of its
 * services. A group is a guard item per service, taken over only from the incident it names, so
 * of two alarms opening at once on one service one founds the group and the other, whose write
 * then fails, reads again and joins it. One BatchGetItem, and a GetItem of the group's incident.
 * @example const { parentId, writes } = await alarmGrouping(deps, incident, now);
 */
export const alarmGrouping = async (
  deps: AlarmDeps,
  incident: Incident,
  at: string,
): Promise<{ parentId?: string; writes: RecordWrite[] }> => {
  const serviceIds = incident.impactedServices.map((service) => service.ciId);
  if (serviceIds.length === 0 || deps.alarms.groupWindowSeconds <= 0) return { writes: [] };
  const groups = await deps.store.alarmGroups(serviceIds);
  const join = groupToJoin(groups, at, deps.alarms.groupWindowSeconds);
  if (join) {
    const parent = await deps.store.get<Incident>('incident', join.incidentId);
    if (parent && isOpenIncident(parent)) return { parentId: parent.id, writes: [] };
  }
  const current = new Map(groups.map((group) => [group.serviceId, group.incidentId]));
  return {
    writes: serviceIds.map(
      (serviceId): RecordWrite => ({
        type: 'alarmGroup',
        group: { serviceId, incidentId: incident.id, openedAt: at },
        replaces: current.get(serviceId),
      }),
    ),
  };
};
