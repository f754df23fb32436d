import { get, type Ok } from '../api.ts';
import { useQuery } from '../query.ts';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { percent } from '../ui/format.ts';

type Report = Ok<'reportSlaAttainment'>;

const days30 = () => {
  const to = new Date();
  return { from: new Date(to.getTime() - 30 * 86_400_000).toISOString(), to: to.toISOString() };
};

/** SLA attainment per policy and priority, as a table named "SLA attainment". */
export const SlaAttainmentTable = ({ report }: { report: Report }) => (
  <table aria-label="SLA attainment">
    <thead>
      <tr>
        <th scope="col">Policy</th>
        <th scope="col">Metric</th>
        <th scope="col">Priority</th>
        <th scope="col">Met</th>
        <th scope="col">Breached</th>
        <th scope="col">Attainment</th>
      </tr>
    </thead>
    <tbody>
      {report.items.length === 0 && (
        <tr>
          <td colSpan={6}>No record with a service level in the last 30 days.</td>
        </tr>
      )}
      {report.items.map((item) => (
        <tr key={`${item.policyId}-${item.priority}`}>
          <td>{item.policyId}</td>
          <td>{item.metric}</td>
          <td>{item.priority ?? 'all'}</td>
          <td>{item.met}</td>
          <td>{item.breached}</td>
          <td>{percent(item.attainment, 1)}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

export const useSlaReport = () =>
  useQuery({
    queryKey: ['reports', 'sla'],
    queryFn: () => get<Report>('/reports/sla', { query: days30() }),
    refetchInterval: 30_000,
  });

/** Service levels: the policies and their attainment over the last 30 days. */
export const ServiceLevelsPage = () => {
  const policies = useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => get<Ok<'listSlaPolicies'>>('/sla-policies'),
  });
  const report = useSlaReport();
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Service levels</h1>
      <ErrorAlert error={policies.error ?? report.error} />
      <h2>Policies</h2>
      {policies.data ? (
        <table aria-label="SLA policies">
          <thead>
            <tr>
              <th scope="col">Policy</th>
              <th scope="col">Records</th>
              <th scope="col">Metric</th>
              <th scope="col">Priorities</th>
              <th scope="col">Target</th>
              <th scope="col">Calendar</th>
            </tr>
          </thead>
          <tbody>
            {policies.data.items.map((policy) => (
              <tr key={policy.id}>
                <td>{policy.id}</td>
                <td>{policy.recordType}</td>
                <td>{policy.metric}</td>
                <td>{policy.priorities?.join(', ') ?? 'all'}</td>
                <td>{Math.round(policy.targetSeconds / 60)} min</td>
                <td>{policy.calendarId ?? '24x7'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        !policies.error && <Loading what="policies" />
      )}
      <h2>Attainment, last 30 days</h2>
      {report.data && <SlaAttainmentTable report={report.data} />}
    </section>
  );
};
