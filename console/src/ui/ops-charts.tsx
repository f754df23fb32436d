import { useMemo } from 'preact/hooks';
import { get, type Ok } from '../api.ts';
import { useQuery } from '../query.ts';
import { ErrorAlert, Loading } from './alerts.tsx';
import { Chart, type uPlot } from './chart.tsx';
import { formatTime, percent } from './format.ts';

type Binding = Ok<'listMetricBindings'>['items'][number];
type Capacity = Ok<'getCapacity'>['items'][number];
type Performance = Ok<'getPerformance'>['items'][number];
type Point = { t: string; v: number };

const dayMs = 86_400_000;

/** A binding's points since `sinceMs`, up to a few pages (the API gives 1440 a page). */
const usePoints = (ciId: string, key: string, sinceMs: number) =>
  useQuery({
    queryKey: ['ci', ciId, 'points', key, sinceMs],
    queryFn: async () => {
      const points: Point[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 4; page++) {
        const answer = await get<Ok<'getMetricBinding'>>('/cis/{id}/metrics/{key}', {
          path: { id: ciId, key },
          query: { from: new Date(Date.now() - sinceMs).toISOString(), limit: 1440, cursor },
        });
        points.push(...answer.points);
        if (!answer.nextCursor) break;
        cursor = answer.nextCursor;
      }
      return points;
    },
    refetchInterval: 60_000,
  });

const seconds = (iso: string) => Date.parse(iso) / 1000;
const colours = { points: '#0b5cad', fit: '#6b3fa0', limit: '#c62828', band: 'rgba(26,127,55,0.15)' };

/** Capacity: the points, the least-squares line through them, the limit and the exhaustion date. */
const CapacityChart = ({ ciId, capacity }: { ciId: string; capacity: Capacity }) => {
  const points = usePoints(ciId, capacity.key, 14 * dayMs);
  const chart = useMemo(() => {
    const list = points.data ?? [];
    if (list.length === 0) return undefined;
    const xs = list.map((point) => seconds(point.t));
    const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
    const meanY = list.reduce((sum, point) => sum + point.v, 0) / list.length;
    const slope = (capacity.slopePerDay ?? 0) / 86_400;
    const exhaustion = capacity.exhaustionAt ? seconds(capacity.exhaustionAt) : undefined;
    const last = xs[xs.length - 1] ?? meanX;
    // Draw the fitted line on to the exhaustion date when it falls within a window's length.
    const extend = exhaustion && exhaustion > last && exhaustion - last < 14 * 86_400 ? [exhaustion] : [];
    const allX = [...xs, ...extend];
    const data: uPlot.AlignedData = [
      allX,
      [...list.map((point) => point.v), ...extend.map(() => null)],
      allX.map((x) => meanY + slope * (x - meanX)),
      allX.map(() => capacity.limit),
    ];
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      series: [
        {},
        { label: 'Points', stroke: colours.points, points: { show: list.length < 60 } },
        { label: 'Fitted line', stroke: colours.fit, dash: [6, 4], points: { show: false } },
        { label: 'Limit', stroke: colours.limit, points: { show: false } },
      ],
      axes: [{}, { label: capacity.unit ?? '' }],
    };
    return { data, options };
  }, [points.data, capacity]);
  const summary = `${capacity.key}: now ${capacity.current ?? '—'} of ${capacity.limit}${capacity.unit ? ` ${capacity.unit}` : ''}, ${
    capacity.slopePerDay === null ? 'no trend' : `${capacity.slopePerDay.toFixed(2)} a day`
  }, exhaustion ${capacity.exhaustionAt ? formatTime(capacity.exhaustionAt) : 'not forecast'}`;
  return (
    <div class="chart-block">
      <h3>{capacity.key}</h3>
      <p>
        Exhaustion date:{' '}
        <strong>{capacity.exhaustionAt ? formatTime(capacity.exhaustionAt) : 'none forecast'}</strong>
        {capacity.withinHorizon && <span class="badge danger"> within the horizon</span>} · fit r²{' '}
        {capacity.fit.r2 === null ? '—' : capacity.fit.r2.toFixed(2)} over {capacity.fit.points} points
      </p>
      <ErrorAlert error={points.error} />
      {chart ? (
        <Chart label={summary} data={chart.data} options={chart.options} />
      ) : (
        <p>{points.isLoading ? 'Loading points…' : 'No points yet.'}</p>
      )}
    </div>
  );
};

const PerformanceChart = ({ ciId, performance }: { ciId: string; performance: Performance }) => {
  const points = usePoints(ciId, performance.key, dayMs);
  const chart = useMemo(() => {
    const list = points.data ?? [];
    if (list.length === 0) return undefined;
    const xs = list.map((point) => seconds(point.t));
    const baseline = performance.baseline;
    const data: uPlot.AlignedData = [
      xs,
      list.map((point) => point.v),
      xs.map(() => baseline?.p99 ?? null),
      xs.map(() => baseline?.p50 ?? null),
      xs.map(() => performance.p95),
    ];
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      series: [
        {},
        { label: 'Value', stroke: colours.points },
        { label: 'Baseline p99', stroke: '#1a7f37', dash: [4, 4], points: { show: false } },
        { label: 'Baseline p50', stroke: '#1a7f37', dash: [4, 4], points: { show: false } },
        { label: 'p95 (window)', stroke: '#b35900', points: { show: false } },
      ],
      bands: baseline ? [{ series: [2, 3], fill: colours.band }] : [],
      axes: [{}, { label: performance.unit ?? '' }],
    };
    return { data, options };
  }, [points.data, performance]);
  const row = (label: string, value: number | null | undefined) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{value ?? '—'}</td>
      <td>{(performance.baseline as Record<string, number> | null)?.[label] ?? '—'}</td>
    </tr>
  );
  return (
    <div class="chart-block">
      <h3>
        {performance.key} {performance.anomaly && <span class="badge danger">anomaly</span>}
      </h3>
      <table aria-label={`Percentiles of ${performance.key}`}>
        <thead>
          <tr>
            <th scope="col">Percentile</th>
            <th scope="col">Window</th>
            <th scope="col">Baseline</th>
          </tr>
        </thead>
        <tbody>
          {row('p50', performance.p50)}
          {row('p95', performance.p95)}
          {row('p99', performance.p99)}
        </tbody>
      </table>
      <ErrorAlert error={points.error} />
      {chart && (
        <Chart
          label={`${performance.key} over the last day with the baseline band from p50 to p99`}
          data={chart.data}
          options={chart.options}
        />
      )}
    </div>
  );
};

const AvailabilityFigure = ({ ciId, bindings }: { ciId: string; bindings: Binding[] }) => {
  const availability = useQuery({
    queryKey: ['ci', ciId, 'availability'],
    queryFn: () => get<Ok<'getAvailability'>>('/cis/{id}/availability', { path: { id: ciId } }),
    refetchInterval: 60_000,
  });
  const first = bindings[0];
  const points = usePoints(ciId, first?.key ?? '', dayMs);
  const chart = useMemo(() => {
    const list = points.data ?? [];
    if (!first || list.length === 0) return undefined;
    const xs = list.map((point) => seconds(point.t));
    const data: uPlot.AlignedData = [
      xs,
      list.map((point) => point.v),
      xs.map(() => first.threshold?.value ?? null),
    ];
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      series: [
        {},
        { label: first.key, stroke: colours.points },
        { label: 'Threshold', stroke: colours.limit, dash: [4, 4], points: { show: false } },
      ],
    };
    return { data, options };
  }, [points.data, first]);
  const value = availability.data;
  return (
    <figure aria-labelledby="availability-caption" class="card">
      <figcaption id="availability-caption">Availability</figcaption>
      <ErrorAlert error={availability.error ?? points.error} />
      {value ? (
        <>
          <dl class="stats">
            <dt>Availability ({value.window})</dt>
            <dd>{percent(value.availability, 3)}</dd>
            <dt>Target</dt>
            <dd>{percent(value.target, 2)}</dd>
            <dt>Error budget remaining</dt>
            <dd>{percent(value.errorBudgetRemaining, 1)}</dd>
            <dt>Downtime</dt>
            <dd>{Math.round(value.downtimeSeconds / 60)} min</dd>
          </dl>
          {value.burnRates && (
            <table aria-label="Burn rates">
              <thead>
                <tr>
                  {Object.keys(value.burnRates).map((window) => (
                    <th scope="col" key={window}>
                      {window}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  {Object.entries(value.burnRates).map(([window, rate]) => (
                    <td key={window}>{rate === null ? '—' : rate.toFixed(2)}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          )}
          {value.burnAlert && <p class="badge danger">{value.burnAlert} burn</p>}
        </>
      ) : (
        <Loading what="availability" />
      )}
      {chart && first && (
        <Chart
          label={`${first.key} over the last day against its threshold`}
          data={chart.data}
          options={chart.options}
        />
      )}
    </figure>
  );
};

/** The CI's operations charts, each where the CI has a binding of its kind. */
export const OpsCharts = ({ ciId }: { ciId: string }) => {
  const bindings = useQuery({
    queryKey: ['ci', ciId, 'bindings'],
    queryFn: () => get<Ok<'listMetricBindings'>>('/cis/{id}/metrics', { path: { id: ciId } }),
  });
  const kinds = new Set((bindings.data?.items ?? []).map((binding) => binding.kind));
  const capacity = useQuery({
    queryKey: ['ci', ciId, 'capacity'],
    queryFn: () => get<Ok<'getCapacity'>>('/cis/{id}/capacity', { path: { id: ciId } }),
    enabled: kinds.has('capacity'),
    refetchInterval: 60_000,
  });
  const performance = useQuery({
    queryKey: ['ci', ciId, 'performance'],
    queryFn: () => get<Ok<'getPerformance'>>('/cis/{id}/performance', { path: { id: ciId } }),
    enabled: kinds.has('performance'),
    refetchInterval: 60_000,
  });
  if (!bindings.data)
    return bindings.error ? <ErrorAlert error={bindings.error} /> : <Loading what="metrics" />;
  if (kinds.size === 0) return <p>No metric is bound to this CI.</p>;
  return (
    <div class="charts">
      {kinds.has('capacity') && (
        <figure aria-labelledby="capacity-caption" class="card">
          <figcaption id="capacity-caption">Capacity</figcaption>
          <ErrorAlert error={capacity.error} />
          {(capacity.data?.items ?? []).map((item) => (
            <CapacityChart key={item.key} ciId={ciId} capacity={item} />
          ))}
        </figure>
      )}
      {kinds.has('availability') && (
        <AvailabilityFigure
          ciId={ciId}
          bindings={bindings.data.items.filter((b) => b.kind === 'availability')}
        />
      )}
      {kinds.has('performance') && (
        <figure aria-labelledby="performance-caption" class="card">
          <figcaption id="performance-caption">Performance</figcaption>
          <ErrorAlert error={performance.error} />
          {(performance.data?.items ?? []).map((item) => (
            <PerformanceChart key={item.key} ciId={ciId} performance={item} />
          ))}
        </figure>
      )}
    </div>
  );
};
