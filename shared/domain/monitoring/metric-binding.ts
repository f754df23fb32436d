import type { FieldError } from '#domain/errors.ts';
import type { Threshold, TreatMissingData } from '#domain/metrics/metric-point.ts';

/**
 * A metric binding ties a CloudWatch metric to a CI under a short key (`cpu`, `disk-free`), so
 * the ingest reads it and capacity, availability and performance have numbers to work on.
 */
export const METRIC_KINDS = ['capacity', 'availability', 'performance'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** The statistics a binding may ask CloudWatch for (README, Operations). */
export const METRIC_STATS = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount', 'p95', 'p99'] as const;
export type MetricStat = (typeof METRIC_STATS)[number];

/** CloudWatch's StandardUnit values. */
export const METRIC_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
] as const;

/** CloudWatch's own limits on what a binding names (GetMetricData's MetricStat). */
export const bindingLimits = {
  keyPattern: /^[a-z0-9-]{1,64}$/,
  nameLength: 255,
  dimensionValueLength: 1024,
  dimensions: 30,
  /** One day: a longer period gives a point a day at most, too few to forecast from. */
  maxPeriodSeconds: 86_400,
  maxForPeriods: 100,
} as const;

export interface MetricDimension {
  name: string;
  value: string;
}

/** What `PUT /cis/{id}/metrics/{key}` sets. */
export interface MetricBindingDefinition {
  namespace: string;
  metricName: string;
  dimensions: MetricDimension[];
  stat: MetricStat;
  periodSeconds: number;
  kind: MetricKind;
  unit?: string;
  capacityLimit?: number;
  threshold?: Threshold;
  treatMissingData?: TreatMissingData;
}

/** A binding as stored: its definition, whose it is, and how far the ingest has read it. */
export interface MetricBinding extends MetricBindingDefinition {
  ciId: string;
  key: string;
  /** 1 when created, +1 on every PUT; the ingest's state writes hold only at the revision they read. */
  revision: number;
  /**
   * The revision that last changed what it reads (metric, dimensions, statistic, period): points
   * belong to a series, so a redefinition never mixes another metric's values into the analyses.
   */
  series: number;
  /** When the series started: the ingest reads a series it has never read back 24 hours. */
  seriesSince: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * True for a key a binding may have: `[a-z0-9-]{1,64}`.
 * @example isBindingKey('disk-free') // true
 */
export const isBindingKey = (key: string): boolean => bindingLimits.keyPattern.test(key);

/**
 * The rules CloudWatch and the analyses put on a binding that a shape check cannot: a period of
 * 60 seconds or a multiple, a `capacityLimit` for capacity, a `threshold` for availability (a
 * period is unhealthy when its value breaches it), unique dimension names. Every failing field.
 * @example validateBinding('cpu', { ...cpu, kind: 'capacity' }) // [{ path: 'capacityLimit', ... }]
 */
export const validateBinding = (key: string, binding: MetricBindingDefinition): FieldError[] => {
  const errors: FieldError[] = [];
  if (!isBindingKey(key)) errors.push({ path: 'key', message: 'must match [a-z0-9-]{1,64}' });
  if (binding.periodSeconds % 60 !== 0 || binding.periodSeconds < 60)
    errors.push({ path: 'periodSeconds', message: 'must be 60 or a multiple of 60' });
  if (binding.kind === 'capacity' && binding.capacityLimit === undefined)
    errors.push({
      path: 'capacityLimit',
      message: 'a capacity binding needs the limit it is forecast against',
    });
  if (binding.kind === 'availability' && binding.threshold === undefined)
    errors.push({
      path: 'threshold',
      message: 'an availability binding needs the threshold that makes a period unhealthy',
    });
  const seen = new Set<string>();
  binding.dimensions.forEach((dimension, position) => {
    if (seen.has(dimension.name))
      errors.push({ path: `dimensions.${position}.name`, message: 'names a dimension twice' });
    seen.add(dimension.name);
  });
  return errors;
};

/**
 * Whether a binding's analyses start over: a different metric, dimensions (in any order),
 * statistic, period or unit makes the stored points and the threshold's streak mean something else.
 * @example readsAnotherSeries(before, { ...before, threshold: t }) // false
 */
export const readsAnotherSeries = (
  before: MetricBindingDefinition,
  after: MetricBindingDefinition,
): boolean => JSON.stringify(seriesOf(before)) !== JSON.stringify(seriesOf(after));

/** What names the series a binding reads: dimensions are a set, so their order does not count. */
const seriesOf = (binding: MetricBindingDefinition) => ({
  namespace: binding.namespace,
  metricName: binding.metricName,
  stat: binding.stat,
  periodSeconds: binding.periodSeconds,
  unit: binding.unit ?? null,
  dimensions: binding.dimensions
    .map(({ name, value }) => [name, value])
    .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
});

/**
 * A binding's definition alone, fields in one order and absent ones left out, so two definitions
 * compare as JSON and history shows them the same way.
 * @example definitionOf({ ...stored, revision: 3 }) // { namespace, metricName, dimensions, stat, ... }
 */
export const definitionOf = (binding: MetricBindingDefinition): MetricBindingDefinition => {
  const { threshold } = binding;
  const definition: MetricBindingDefinition = {
    namespace: binding.namespace,
    metricName: binding.metricName,
    dimensions: binding.dimensions.map(({ name, value }) => ({ name, value })),
    stat: binding.stat,
    periodSeconds: binding.periodSeconds,
    kind: binding.kind,
  };
  if (binding.unit !== undefined) definition.unit = binding.unit;
  if (binding.capacityLimit !== undefined) definition.capacityLimit = binding.capacityLimit;
  if (threshold)
    definition.threshold = {
      comparison: threshold.comparison,
      value: threshold.value,
      forPeriods: threshold.forPeriods,
    };
  if (binding.treatMissingData !== undefined) definition.treatMissingData = binding.treatMissingData;
  return definition;
};

/** True when two definitions say the same. */
export const sameDefinition = (a: MetricBindingDefinition, b: MetricBindingDefinition): boolean =>
  JSON.stringify(definitionOf(a)) === JSON.stringify(definitionOf(b));
