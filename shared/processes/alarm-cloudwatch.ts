import { alarmExternalIds } from '#domain/incident/alarm-resources.ts';
import type { CloudWatchAlarmEvent } from '#schemas/alarm-event.ts';
import { type AlarmOutcome, type AlarmSignal, signalAlarm } from './alarm-incidents.ts';
import type { AlarmDeps } from './dependencies.ts';

/** What kind of alarm an event is about, for the incident's description. */
const alarmKind = (detail: CloudWatchAlarmEvent['detail']): string => {
  const metrics = detail.configuration?.metrics ?? [];
  if (detail.configuration?.alarmRule !== undefined) return 'composite alarm';
  if (metrics.some((metric) => metric.expression?.includes('ANOMALY_DETECTION_BAND')))
    return 'anomaly detection alarm';
  if (metrics.some((metric) => metric.expression !== undefined)) return 'metric math alarm';
  return 'metric alarm';
};

/**
 * The alarm signal of a `CloudWatch Alarm State Change` event (README, Alarms to incidents): the
 * key is the alarm's ARN (from `resources`, else built from account, region and name), the time
 * is the state's own timestamp, and the CI candidates are the resources and the ARNs of the
 * alarm's metric dimensions. A composite alarm has no dimensions: only its resources name a CI.
 * @example cloudWatchAlarmSignal(event).key // 'arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-db-cpu'
 */
export const cloudWatchAlarmSignal = (event: CloudWatchAlarmEvent): AlarmSignal => {
  const { detail } = event;
  const named = event.resources.find(
    (resource) => resource.startsWith('arn:') && resource.includes(':alarm:'),
  );
  // arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>
  const [, , , regionOfArn, accountOfArn] = named?.split(':') ?? [];
  // The alarm's own ARN says where its metrics live; the envelope's fields stand in without it.
  const origin = {
    region: regionOfArn || event.region || 'unknown-region',
    account: accountOfArn || event.account || 'unknown-account',
  };
  const arn = named ?? `arn:aws:cloudwatch:${origin.region}:${origin.account}:alarm:${detail.alarmName}`;
  const dimensions = (detail.configuration?.metrics ?? []).flatMap((metric) =>
    metric.metricStat?.metric.dimensions ? [metric.metricStat.metric.dimensions] : [],
  );
  const state = detail.state.value;
  const kind = alarmKind(detail);
  const description = [
    `CloudWatch ${kind} ${detail.alarmName} is ${state}.`,
    detail.configuration?.description,
    detail.configuration?.alarmRule && `Rule: ${detail.configuration.alarmRule}`,
    detail.state.reason,
  ]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join('\n\n');
  return {
    key: arn,
    name: detail.alarmName,
    arn,
    state,
    eventId: event.id,
    at: new Date(detail.state.timestamp ?? event.time).toISOString(),
    externalIds: alarmExternalIds({
      resources: event.resources,
      alarmArn: arn,
      dimensions,
      origin,
    }),
    title: `CloudWatch alarm ${detail.alarmName} is in ${state}`,
    description,
  };
};

/**
 * Applies a `CloudWatch Alarm State Change` event to the alarm's incidents.
 * @example await incidentFromCloudWatchAlarm(deps, event) // { action: 'opened', incidentId }
 */
export const incidentFromCloudWatchAlarm = (
  deps: AlarmDeps,
  event: CloudWatchAlarmEvent,
): Promise<AlarmOutcome> => signalAlarm(deps, cloudWatchAlarmSignal(event));
