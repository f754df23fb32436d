import { useState } from 'preact/hooks';
import { type BodyOf, get, newIdempotencyKey, type Ok, request, type Schemas } from '../api.ts';
import { listRefreshMs, refresh, useQuery } from '../query.ts';
import { Activity } from '../ui/activity.tsx';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { FilterBar } from '../ui/filter-bar.tsx';
import { formatTime, labelOf } from '../ui/format.ts';
import { NewRecordToggle, Pager, QueueTable, useCreateForm, useQueuePages } from '../ui/queue.tsx';
import type { Column } from '../ui/record-table.tsx';
import { useSavedFilters } from '../ui/saved-filters.ts';

type Problem = Schemas['ProblemRecord'];
const states = [
  'new',
  'assess',
  'root_cause_analysis',
  'fix_in_progress',
  'resolved',
  'closed',
  'canceled',
] as const;

const columns: Column<Problem>[] = [
  {
    key: 'number',
    label: 'Number',
    value: (problem) => problem.number,
    render: (problem) => <a href={`#/problems/${problem.id}`}>{problem.number}</a>,
  },
  { key: 'title', label: 'Title', value: (problem) => problem.title },
  { key: 'state', label: 'State', value: (problem) => problem.state, render: (p) => labelOf(p.state) },
  { key: 'assignee', label: 'Assignee', value: (problem) => problem.assignee ?? '' },
  { key: 'knownError', label: 'Known error', value: (problem) => (problem.knownError ? 'yes' : 'no') },
  { key: 'incidents', label: 'Incidents', value: (problem) => problem.incidentIds.length },
];

/** The problem queue and the known-error database (filter "Known error"). */
export const ProblemsPage = () => {
  const filters = useSavedFilters('problems');
  const query = Object.fromEntries(Object.entries(filters.values).filter(([, value]) => value));
  const { result: problems, pager } = useQueuePages('problems', query, (cursor) =>
    get<Ok<'listProblems'>>('/problems', { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } }),
  );
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Problems</h1>
      <FilterBar
        state={filters}
        filters={[
          { name: 'state', label: 'State', options: states.map((state) => [state, labelOf(state)]) },
          {
            name: 'knownError',
            label: 'Known error',
            options: [
              ['true', 'yes'],
              ['false', 'no'],
            ],
          },
        ]}
      />
      <NewRecordToggle
        label="New problem"
        form={(done) => (
          <NewProblemForm
            onCreated={() => {
              done();
              void refresh('problems');
            }}
          />
        )}
      />
      <Candidates />
      <QueueTable name="Problems" what="problems" columns={columns} result={problems} />
      <Pager label="Problems" {...pager} />
    </section>
  );
};

/** Groups of 3+ incidents on one CI in 7 days that no problem links yet: problems waiting to be raised. */
const Candidates = () => {
  const candidates = useQuery({
    queryKey: ['problems', 'candidates'],
    queryFn: () => get<Ok<'listProblemCandidates'>>('/problems/candidates'),
    refetchInterval: listRefreshMs * 5,
  });
  const items = candidates.data?.items ?? [];
  if (candidates.error) return <ErrorAlert error={candidates.error} />;
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="candidates-heading" class="card">
      <h2 id="candidates-heading">Problem candidates</h2>
      <ul aria-labelledby="candidates-heading">
        {items.map((group) => (
          <li key={group.ciId}>
            {group.incidentIds.length} incidents on <a href={`#/cis/${group.ciId}`}>a configuration item</a>{' '}
            from {formatTime(group.firstAt)} to {formatTime(group.lastAt)}
          </li>
        ))}
      </ul>
    </section>
  );
};

const NewProblemForm = ({ onCreated }: { onCreated: () => void }) => {
  const { error, key, attempt } = useCreateForm();
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const description = String(form.get('description') ?? '').trim();
    const body: BodyOf<'recordProblem'> = {
      title: String(form.get('title') ?? ''),
      ...(description ? { description } : {}),
    };
    await attempt(async () => {
      await request('POST', '/problems', { body, idempotencyKey: key });
      onCreated();
    });
  };
  return (
    <form class="card" aria-labelledby="new-problem-heading" onSubmit={submit}>
      <h2 id="new-problem-heading">New problem</h2>
      <ErrorAlert error={error} />
      <label>
        Title
        <input name="title" type="text" required />
      </label>
      <label>
        Description
        <textarea name="description" rows={3} />
      </label>
      <button type="submit">Create</button>
    </form>
  );
};

const LinkIncident = ({ problem }: { problem: Problem }) => {
  const [error, setError] = useState<unknown>();
  const open = useQuery({
    queryKey: ['incidents', { unlinked: true }],
    queryFn: () => get<Ok<'listIncidents'>>('/incidents', { query: { limit: 200 } }),
  });
  const unlinked = (open.data?.items ?? []).filter(
    (incident) => !incident.problemId && !['resolved', 'closed', 'canceled'].includes(incident.state),
  );
  const link = async (event: Event) => {
    event.preventDefault();
    const incidentId = String(new FormData(event.currentTarget as HTMLFormElement).get('incidentId') ?? '');
    if (!incidentId) return;
    setError(undefined);
    try {
      await request('POST', '/problems/{id}/incidents', {
        path: { id: problem.id },
        body: { incidentId },
        idempotencyKey: newIdempotencyKey(),
      });
      await refresh('problem', problem.id);
      void refresh('incidents');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="fields" aria-label="Link an incident" onSubmit={link}>
      <ErrorAlert error={error} />
      <label htmlFor="link-incident">Incident</label>
      <select id="link-incident" name="incidentId">
        <option value="">Choose…</option>
        {unlinked.map((incident) => (
          <option key={incident.id} value={incident.id}>
            {incident.number}: {incident.title}
          </option>
        ))}
      </select>
      <button type="submit">Link incident</button>
    </form>
  );
};

/** One problem: state, root cause, workaround, known error, linked incidents and its activity. */
export const ProblemPage = ({ id }: { id: string }) => {
  const problem = useQuery({
    queryKey: ['problem', id],
    queryFn: () => get<Problem>('/problems/{id}', { path: { id } }),
  });
  const history = useQuery({
    queryKey: ['problem', id, 'history'],
    queryFn: () =>
      get<Ok<'listProblemHistory'>>('/problems/{id}/history', { path: { id }, query: { limit: 200 } }),
  });
  const [error, setError] = useState<unknown>();
  if (!problem.data)
    return problem.error ? <ErrorAlert error={problem.error} /> : <Loading what="the problem" />;
  const record = problem.data;
  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const patch: BodyOf<'changeProblem'> = {};
    if (text('state') !== record.state) patch.state = text('state') as Problem['state'];
    if (text('rootCause') !== (record.rootCause ?? '')) patch.rootCause = text('rootCause') || null;
    if (text('workaround') !== (record.workaround ?? '')) patch.workaround = text('workaround') || null;
    if ((form.get('knownError') === 'on') !== record.knownError)
      patch.knownError = form.get('knownError') === 'on';
    setError(undefined);
    try {
      await request('PATCH', '/problems/{id}', { path: { id }, body: patch, ifMatch: record.version });
      await refresh('problem', id);
      void refresh('problems');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <article aria-labelledby="page-heading">
      <h1 id="page-heading">
        {record.number}: {record.title}
      </h1>
      <p class="meta">
        <span class="badge">{labelOf(record.state)}</span> opened {formatTime(record.createdAt)} by{' '}
        {record.createdBy}
        {record.knownError && <span class="badge">known error</span>}
      </p>
      {record.description && <p class="description">{record.description}</p>}
      <form class="card fields" aria-label="Problem fields" onSubmit={save} key={record.version}>
        <ErrorAlert error={error} onReload={() => void refresh('problem', id)} />
        <label>
          State
          <select name="state">
            {states.map((state) => (
              <option key={state} value={state} selected={state === record.state}>
                {labelOf(state)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Root cause
          <textarea name="rootCause" rows={2} defaultValue={record.rootCause ?? ''} />
        </label>
        <label>
          Workaround
          <textarea name="workaround" rows={2} defaultValue={record.workaround ?? ''} />
        </label>
        <label class="inline">
          <input name="knownError" type="checkbox" defaultChecked={record.knownError} />
          Known error
        </label>
        <button type="submit">Save</button>
      </form>
      <section aria-labelledby="linked-heading">
        <h2 id="linked-heading">Linked incidents</h2>
        <LinkIncident problem={record} />
        <ul aria-labelledby="linked-heading">
          {record.incidentIds.map((incidentId) => (
            <li key={incidentId}>
              <a href={`#/incidents/${incidentId}`}>{incidentId}</a>
            </li>
          ))}
        </ul>
      </section>
      <ErrorAlert error={history.error} />
      <Activity history={history.data?.items ?? []} />
    </article>
  );
};
