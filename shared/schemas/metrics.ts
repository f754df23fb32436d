import * as z from 'zod/mini';
import { COMPARISONS, TREAT_MISSING_DATA } from '#domain/metrics/metric-point.ts';
import {
  bindingLimits,
  METRIC_KINDS,
  METRIC_STATS,
  METRIC_UNITS,
} from '#domain/monitoring/metric-binding.ts';
import { fromBeforeTo, identifier, isoTimestamp, onFirstUse, queryCount } from './common.ts';

/** A name CloudWatch accepts: 1 to 255 characters. */
const cloudWatchName = /* @__PURE__ */ onFirstUse(() =>
  z.string().check(z.minLength(1), z.maxLength(bindingLimits.nameLength)),
);
const finite = /* @__PURE__ */ onFirstUse(() =>
  z.number().check(z.refine(Number.isFinite, { message: 'must be a finite number' })),
);

export const thresholdDocument = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    comparison: z.enum(COMPARISONS),
    value: finite,
    forPeriods: z.int().check(z.minimum(1), z.maximum(bindingLimits.maxForPeriods)),
  }),
);

/** `PUT /cis/{id}/metrics/{key}`: validated as CloudWatch validates a MetricStat (README, Operations). */
export const putMetricBindingBody = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({
    namespace: cloudWatchName,
    metricName: cloudWatchName,
    dimensions: z
      .array(
        z.strictObject({
          name: cloudWatchName,
          value: z.string().check(z.minLength(1), z.maxLength(bindingLimits.dimensionValueLength)),
        }),
      )
      .check(z.maxLength(bindingLimits.dimensions)),
    stat: z.enum(METRIC_STATS),
    periodSeconds: z.int().check(z.minimum(60), z.maximum(bindingLimits.maxPeriodSeconds)),
    kind: z.enum(METRIC_KINDS),
    unit: z.optional(z.enum(METRIC_UNITS)),
    capacityLimit: z.optional(finite),
    threshold: z.optional(thresholdDocument),
    treatMissingData: z.optional(z.enum(TREAT_MISSING_DATA)),
  }),
);

export const metricBindingDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    ciId: z.string(),
    key: z.string(),
    namespace: z.string(),
    metricName: z.string(),
    dimensions: z.array(z.object({ name: z.string(), value: z.string() })),
    stat: z.enum(METRIC_STATS),
    periodSeconds: z.int(),
    kind: z.enum(METRIC_KINDS),
    unit: z.optional(z.string()),
    capacityLimit: z.optional(z.number()),
    threshold: z.optional(thresholdDocument),
    treatMissingData: z.optional(z.enum(TREAT_MISSING_DATA)),
    /** +1 on every PUT that changes the definition. */
    revision: z.int(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
    updatedBy: z.string(),
    /** When the ingest last wrote its points; null before its first run. */
    lastIngestedAt: z.nullable(isoTimestamp),
    /** Whether its threshold is breached now (bindings with a threshold). */
    thresholdBreached: z.optional(z.boolean()),
  }),
);

export const metricBindingList = /* @__PURE__ */ onFirstUse(() =>
  z.object({ items: z.array(metricBindingDocument) }),
);

export const metricPointsQuery = /* @__PURE__ */ onFirstUse(() =>
  z
    .strictObject({
      from: z.optional(isoTimestamp),
      to: z.optional(isoTimestamp),
      limit: queryCount(1440),
      cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
    })
    .check(fromBeforeTo),
);

export const metricPointsDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    binding: metricBindingDocument,
    points: z.array(z.object({ t: isoTimestamp, v: z.number() })),
    nextCursor: z.nullable(z.string()),
  }),
);

/** `?window=14d`: a whole number of minutes, hours or days. */
const windowParameter = /* @__PURE__ */ onFirstUse(() =>
  z.string().check(z.regex(/^[1-9]\d{0,3}[mhd]$/, { message: 'must be a duration such as 30m, 6h or 14d' })),
);
export const analysisWindowQuery = /* @__PURE__ */ onFirstUse(() =>
  z.strictObject({ window: z.optional(windowParameter) }),
);

export const capacityDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    items: z.array(
      z.object({
        key: z.string(),
        current: z.nullable(z.number()),
        slopePerDay: z.nullable(z.number()),
        limit: z.number(),
        exhaustionAt: z.nullable(isoTimestamp),
        method: z.string(),
        fit: z.object({ r2: z.nullable(z.number()), points: z.int() }),
        unit: z.optional(z.string()),
        /** Whether exhaustion falls within the forecast horizon. */
        withinHorizon: z.boolean(),
      }),
    ),
    window: z.string(),
    horizonDays: z.int(),
  }),
);

const burnRates = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    '5m': z.nullable(z.number()),
    '30m': z.nullable(z.number()),
    '1h': z.nullable(z.number()),
    '2h': z.nullable(z.number()),
    '6h': z.nullable(z.number()),
    '24h': z.nullable(z.number()),
    '3d': z.nullable(z.number()),
  }),
);

export const availabilityDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    availability: z.number(),
    target: z.optional(z.number()),
    errorBudgetRemaining: z.optional(z.number()),
    downtimeSeconds: z.number(),
    basis: z.enum(['metrics', 'incidents']),
    window: z.string(),
    /** Budget burn rate per window (1 spends exactly the budget); with a target and metrics. */
    burnRates: z.optional(burnRates),
    /** A fast or slow burn alerting now, per the multiwindow rule. */
    burnAlert: z.optional(z.nullable(z.enum(['fast', 'slow']))),
    /** The availability bindings counted (basis `metrics`). */
    keys: z.optional(z.array(z.string())),
    /** The P1 incidents counted (basis `incidents`). */
    incidentIds: z.optional(z.array(identifier)),
  }),
);

const percentiles = /* @__PURE__ */ onFirstUse(() =>
  z.object({ p50: z.number(), p95: z.number(), p99: z.number() }),
);

export const performanceDocument = /* @__PURE__ */ onFirstUse(() =>
  z.object({
    items: z.array(
      z.object({
        key: z.string(),
        p50: z.nullable(z.number()),
        p95: z.nullable(z.number()),
        p99: z.nullable(z.number()),
        baseline: z.nullable(percentiles),
        anomaly: z.boolean(),
        method: z.string(),
        /** Where the window's percentiles come from: CloudWatch's statistic or the stored points. */
        source: z.enum(['cloudwatch', 'points']),
        unit: z.optional(z.string()),
      }),
    ),
    window: z.string(),
  }),
);
