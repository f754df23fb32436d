import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { MetricPoint } from '#domain/metrics/metric-point.ts';
import type { ReadWindow } from '#domain/monitoring/ingest-plan.ts';
import type { MetricSource, SeriesRequest } from '#ports/metric-source.ts';

/** GetMetricData's limit on queries per call. */
const queriesPerCall = 500;

const query = (series: SeriesRequest, position: number): MetricDataQuery => ({
  // Ids must start with a lower-case letter and be unique within the call.
  Id: `m${position}`,
  ReturnData: true,
  MetricStat: {
    Metric: {
      Namespace: series.namespace,
      MetricName: series.metricName,
      Dimensions: series.dimensions.map((dimension) => ({ Name: dimension.name, Value: dimension.value })),
    },
    Period: series.periodSeconds,
    Stat: series.stat,
    ...(series.unit ? { Unit: series.unit as never } : {}),
  },
});

/**
 * CloudWatch as the metric source: one GetMetricData call per window for up to 500 series,
 * following `NextToken` (CloudWatch splits a large answer into pages), points ascending.
 * @example await new CloudWatchMetricSource(new CloudWatchClient({})).read(window, [cpu, memory]);
 */
export class CloudWatchMetricSource implements MetricSource {
  constructor(private readonly client: CloudWatchClient) {}

  async read(window: ReadWindow, series: readonly SeriesRequest[]): Promise<MetricPoint[][]> {
    if (series.length > queriesPerCall)
      throw new RangeError(`GetMetricData takes at most ${queriesPerCall} queries, not ${series.length}`);
    const points = series.map(() => new Map<string, number>());
    let nextToken: string | undefined;
    do {
      const page = await this.client.send(
        new GetMetricDataCommand({
          StartTime: new Date(window.startMs),
          EndTime: new Date(window.endMs),
          ScanBy: 'TimestampAscending',
          MetricDataQueries: series.map(query),
          NextToken: nextToken,
        }),
      );
      for (const result of page.MetricDataResults ?? []) {
        const position = Number(result.Id?.slice(1));
        const into = points[position];
        if (!into) continue;
        (result.Timestamps ?? []).forEach((timestamp, n) => {
          const value = result.Values?.[n];
          const t = new Date(timestamp).getTime();
          // Only whole periods of the window: CloudWatch labels a point with its period's start.
          if (value === undefined || !Number.isFinite(value) || t < window.startMs || t >= window.endMs)
            return;
          into.set(new Date(t).toISOString(), value);
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return points.map((series) =>
      [...series].map(([t, v]) => ({ t, v })).sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)),
    );
  }
}
