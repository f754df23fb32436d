import { type Ci, get, type Ok } from '../api.ts';
import { useQuery } from '../query.ts';
import { Activity } from '../ui/activity.tsx';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { CiGraph } from '../ui/ci-graph.tsx';
import { labelOf } from '../ui/format.ts';
import { OpsCharts } from '../ui/ops-charts.tsx';

/**
 * One CI (loaded on first use with the graph and chart libraries): its health, the relationship
 * graph, the impact list with distances, what it needs, its operations charts and its history.
 */
export const CiPage = ({ id }: { id: string }) => {
  const ci = useQuery({
    queryKey: ['ci', id],
    queryFn: () => get<Ci>('/cis/{id}', { path: { id } }),
    refetchInterval: 15_000,
  });
  const impact = useQuery({
    queryKey: ['ci', id, 'impact'],
    queryFn: () => get<Ok<'listCiImpact'>>('/cis/{id}/impact', { path: { id }, query: { depth: 5 } }),
  });
  const dependencies = useQuery({
    queryKey: ['ci', id, 'dependencies'],
    queryFn: () =>
      get<Ok<'listCiDependencies'>>('/cis/{id}/dependencies', { path: { id }, query: { depth: 5 } }),
  });
  const history = useQuery({
    queryKey: ['ci', id, 'history'],
    queryFn: () => get<Ok<'listCiHistory'>>('/cis/{id}/history', { path: { id }, query: { limit: 100 } }),
  });
  if (!ci.data) return ci.error ? <ErrorAlert error={ci.error} /> : <Loading what="the configuration item" />;
  const record = ci.data;
  const impacted = impact.data?.items ?? [];
  const needed = dependencies.data?.items ?? [];
  return (
    <article aria-labelledby="page-heading">
      <h1 id="page-heading">{record.name}</h1>
      <p class="meta">
        {record.number} · {labelOf(record.type)} · {record.status}
        {record.serviceTier && ` · tier ${record.serviceTier}`} · Health:{' '}
        <span class={`health health-${record.health}`}>{record.health}</span>
        {record.externalId && <span class="muted"> · {record.externalId}</span>}
      </p>
      <ErrorAlert error={impact.error ?? dependencies.error ?? history.error} />
      <figure aria-labelledby="relationships-caption" class="card">
        <figcaption id="relationships-caption">Relationships</figcaption>
        {impact.data && dependencies.data ? (
          <CiGraph ci={record} impact={impacted} dependencies={needed} />
        ) : (
          <Loading what="the graph" />
        )}
        <p class="legend">
          <span class="health health-ok">ok</span> <span class="health health-degraded">degraded</span>{' '}
          <span class="health health-down">down</span> · an arrow points from a CI to what it needs; select a
          CI to open it.
        </p>
      </figure>
      <div class="columns">
        <section aria-labelledby="impact-heading">
          <h2 id="impact-heading">Impact</h2>
          <ul aria-labelledby="impact-heading">
            {impacted.map((item) => (
              <li key={item.ciId}>
                <a href={`#/cis/${item.ciId}`}>{item.name}</a> ({labelOf(item.type)}), distance{' '}
                {item.distance}, <span class={`health health-${item.health}`}>{item.health}</span>
              </li>
            ))}
            {impact.data && impacted.length === 0 && <li>Nothing needs this CI.</li>}
          </ul>
        </section>
        <section aria-labelledby="dependencies-heading">
          <h2 id="dependencies-heading">Dependencies</h2>
          <ul aria-labelledby="dependencies-heading">
            {needed.map((item) => (
              <li key={item.ciId}>
                <a href={`#/cis/${item.ciId}`}>{item.name}</a> ({labelOf(item.type)}), distance{' '}
                {item.distance}
              </li>
            ))}
            {dependencies.data && needed.length === 0 && <li>This CI needs nothing recorded.</li>}
          </ul>
        </section>
      </div>
      <OpsCharts ciId={id} />
      <Activity history={history.data?.items ?? []} />
    </article>
  );
};
