import * as z from 'zod/mini';
import { onFirstUse } from './common.ts';

/** CloudWatch writes times as `2019-10-01T13:56:40.987+0000`; anything `Date` reads is accepted. */
const eventTime = /* @__PURE__ */ onFirstUse(() =>
  z.string().check(
    z.maxLength(64),
    z.refine((value) => !Number.isNaN(Date.parse(value)), { message: 'must be a timestamp' }),
  ),
);

const alarmStateValue = /* @__PURE__ */ onFirstUse(() => z.enum(['ALARM', 'OK', 'INSUFFICIENT_DATA']));

const stateDetail = /* @__PURE__ */ onFirstUse(() =>
  z.looseObject({
    value: alarmStateValue,
    reason: z.optional(z.string()),
    timestamp: z.optional(eventTime),
  }),
);

/** One entry of `configuration.metrics`: a metric (`metricStat`) or an expression (math, anomaly band). */
const alarmMetric = /* @__PURE__ */ onFirstUse(() =>
  z.looseObject({
    id: z.optional(z.string()),
    metricStat: z.optional(
      z.looseObject({
        metric: z.looseObject({
          namespace: z.optional(z.string()),
          name: z.optional(z.string()),
          dimensions: z.optional(z.record(z.string(), z.string())),
        }),
      }),
    ),
    expression: z.optional(z.string()),
    label: z.optional(z.string()),
  }),
);

/**
 * The `CloudWatch Alarm State Change` event on the default bus, as CloudWatch sends it for
 * metric, metric math, anomaly detection and composite alarms (test/fixtures/cloudwatch-alarms/
 * has one of each). Only what OpsDesk reads is checked; fields AWS adds pass through.
 */
export const cloudWatchAlarmEvent = /* @__PURE__ */ onFirstUse(() =>
  z.looseObject({
    id: z.string().check(z.minLength(1), z.maxLength(256)),
    // Always set by EventBridge; an emulator may leave them out, and the alarm's ARN has both.
    account: z.optional(z.nullable(z.string())),
    region: z.optional(z.nullable(z.string())),
    time: eventTime,
    resources: z.array(z.string()),
    detail: z.looseObject({
      alarmName: z.string().check(z.minLength(1), z.maxLength(1024)),
      state: stateDetail,
      previousState: z.optional(stateDetail),
      configuration: z.optional(
        z.looseObject({
          description: z.optional(z.string()),
          metrics: z.optional(z.array(alarmMetric)),
          alarmRule: z.optional(z.string()),
        }),
      ),
    }),
  }),
);

export type CloudWatchAlarmEvent = z.infer<typeof cloudWatchAlarmEvent>;
