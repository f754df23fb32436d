import type { MetricPoint } from '#domain/metrics/metric-point.ts';
import type { ReadWindow } from '#domain/monitoring/ingest-plan.ts';
import type { MetricBindingDefinition } from '#domain/monitoring/metric-binding.ts';

/** One series a read asks for: a binding's metric with its statistic (or another statistic). */
export type SeriesRequest = Pick<
  MetricBindingDefinition,
  'namespace' | 'metricName' | 'dimensions' | 'stat' | 'periodSeconds' | 'unit'
>;

/**
 * Where metric values come from. Adapter: `#adapters/cloudwatch-metric-source.ts`
 * (GetMetricData, up to 500 queries a call).
 */
export interface MetricSource {
  /**
   * The points of each series over one window, in the order asked, ascending by `t` (the period
   * start); one GetMetricData call (following its NextToken) for up to 500 series.
   */
  read(window: ReadWindow, series: readonly SeriesRequest[]): Promise<MetricPoint[][]>;
}
