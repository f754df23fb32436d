import type { ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import type { CmdbStoreDeps } from './dependencies.ts';

/** At most this many external ids are looked up for one alarm (one GetItem each, in parallel). */
const maxLookups = 20;

/** The CI an alarm's incident is for, or why it has none (said in the incident's description). */
export type AlarmCi = { ci: ConfigurationItem } | { ci?: undefined; note: string };

/**
 * The active CI an alarm names: the caller's `ciId`, else the first external id (the event's
 * resources, ARNs from metric dimensions) held by a CI, read from the CMDB's external-id guards.
 * Run only when an incident opens, never for a repeated ALARM.
 * @example await alarmCi(deps, { externalIds: ['arn:aws:ec2:eu-west-1:111122223333:instance/i-1'] })
 */
export const alarmCi = async (
  deps: CmdbStoreDeps,
  signal: { ciId?: string; externalIds?: readonly string[] },
): Promise<AlarmCi> => {
  const candidates = (signal.externalIds ?? []).slice(0, maxLookups);
  let ciId = signal.ciId;
  if (ciId === undefined && candidates.length > 0) {
    const holders = await Promise.all(candidates.map((id) => deps.cmdb.store.ciIdByExternalId(id)));
    ciId = holders.find((holder) => holder !== undefined);
  }
  if (ciId === undefined)
    return {
      note:
        candidates.length > 0
          ? `No CI matched the alarm (looked up: ${candidates.join(', ')}).`
          : 'No CI matched the alarm.',
    };
  const ci = (await deps.cmdb.store.cis([ciId])).get(ciId);
  if (!ci) return { note: `The alarm names CI ${ciId}, which does not exist.` };
  if (ci.status !== 'active') return { note: `The alarm names CI ${ci.name} (${ci.id}), which is retired.` };
  return { ci };
};
