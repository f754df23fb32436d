import { get, type Incident, type Ok } from '../api.ts';
import { listRefreshMs, useQuery } from '../query.ts';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { formatTime } from '../ui/format.ts';
import { SlaAttainmentTable, useSlaReport } from './service-levels.tsx';

const openStates = ['new', 'in_progress', 'on_hold'] as const;

/** Open incidents by priority, SLA attainment, recent breaches and the CIs that are not ok. */
export const DashboardPage = () => {
  const open = useQuery({
    queryKey: ['incidents', 'open'],
    queryFn: async () => {
      const pages = await Promise.all(
        openStates.map((state) => get<Ok<'listIncidents'>>('/incidents', { query: { state, limit: 200 } })),
      );
      return pages.flatMap((page) => page.items);
    },
    refetchInterval: listRefreshMs,
  });
  const report = useSlaReport();
  const cis = useQuery({
    queryKey: ['cis', 'health'],
    queryFn: () => get<Ok<'listCis'>>('/cis', { query: { status: 'active', limit: 200 } }),
    refetchInterval: listRefreshMs * 2,
  });
  const incidents: Incident[] = open.data ?? [];
  const byPriority = [1, 2, 3, 4, 5].map((priority) => ({
    priority,
    count: incidents.filter((incident) => incident.priority === priority).length,
  }));
  const most = Math.max(1, ...byPriority.map((row) => row.count));
  const breaches = incidents
    .flatMap((incident) =>
      incident.slas.filter((sla) => sla.state === 'breached').map((sla) => ({ incident, sla })),
    )
    .sort((a, b) => (b.sla.breachedAt ?? b.sla.dueAt).localeCompare(a.sla.breachedAt ?? a.sla.dueAt));
  const unhealthy = (cis.data?.items ?? []).filter((ci) => ci.health !== 'ok');
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Dashboard</h1>
      <ErrorAlert error={open.error ?? report.error ?? cis.error} />
      <div class="dashboard">
        <section aria-labelledby="by-priority-heading" class="card">
          <h2 id="by-priority-heading">Open incidents by priority</h2>
          {open.data ? (
            <table aria-labelledby="by-priority-heading">
              <thead>
                <tr>
                  <th scope="col">Priority</th>
                  <th scope="col">Open</th>
                  <th scope="col">
                    <span class="visually-hidden">Bar</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {byPriority.map((row) => (
                  <tr key={row.priority}>
                    <th scope="row">
                      <a href="#/incidents">P{row.priority}</a>
                    </th>
                    <td>{row.count}</td>
                    <td aria-hidden="true" class="bar-cell">
                      <span
                        class={`bar p${row.priority}`}
                        style={{ width: `${(row.count / most) * 100}%` }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <Loading what="incidents" />
          )}
        </section>
        <section aria-labelledby="breaches-heading" class="card">
          <h2 id="breaches-heading">Breaches</h2>
          <ul aria-labelledby="breaches-heading">
            {breaches.slice(0, 20).map(({ incident, sla }) => (
              <li key={`${incident.id}-${sla.policyId}`}>
                <a href={`#/incidents/${incident.id}`}>{incident.number}</a> {sla.metric} breached{' '}
                {formatTime(sla.breachedAt ?? sla.dueAt)}
              </li>
            ))}
            {open.data && breaches.length === 0 && <li>No open incident has breached its SLA.</li>}
          </ul>
        </section>
        <section aria-labelledby="unhealthy-heading" class="card">
          <h2 id="unhealthy-heading">CIs not ok</h2>
          <ul aria-labelledby="unhealthy-heading">
            {unhealthy.map((ci) => (
              <li key={ci.id}>
                <a href={`#/cis/${ci.id}`}>{ci.name}</a>{' '}
                <span class={`health health-${ci.health}`}>{ci.health}</span>
              </li>
            ))}
            {cis.data && unhealthy.length === 0 && <li>Every CI is ok.</li>}
          </ul>
        </section>
        <section aria-labelledby="sla-heading" class="card wide">
          <h2 id="sla-heading">SLA attainment</h2>
          {report.data ? <SlaAttainmentTable report={report.data} /> : <Loading what="the report" />}
        </section>
      </div>
    </section>
  );
};
