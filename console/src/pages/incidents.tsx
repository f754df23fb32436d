import { useEffect, useRef, useState } from 'preact/hooks';
import { type BodyOf, type Ci, get, type Incident, newIdempotencyKey, type Ok, request } from '../api.ts';
import { refresh, useQuery } from '../query.ts';
import { ErrorAlert } from '../ui/alerts.tsx';
import { FilterBar } from '../ui/filter-bar.tsx';
import { labelOf } from '../ui/format.ts';
import { LevelSelect } from '../ui/level-select.tsx';
import { Pager, QueueTable, useQueuePages } from '../ui/queue.tsx';
import type { Column } from '../ui/record-table.tsx';
import { useSavedFilters } from '../ui/saved-filters.ts';
import { slaSummary } from '../ui/sla-timers.tsx';

const states = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'];

const columns: Column<Incident>[] = [
  {
    key: 'number',
    label: 'Number',
    value: (incident) => incident.number,
    render: (incident) => <a href={`#/incidents/${incident.id}`}>{incident.number}</a>,
  },
  { key: 'title', label: 'Title', value: (incident) => incident.title },
  {
    key: 'priority',
    label: 'Priority',
    value: (incident) => incident.priority,
    render: (i) => `P${i.priority}`,
  },
  { key: 'state', label: 'State', value: (incident) => incident.state, render: (i) => labelOf(i.state) },
  { key: 'assignee', label: 'Assignee', value: (incident) => incident.assignee ?? '' },
  { key: 'sla', label: 'SLA', value: (incident) => slaSummary(incident.slas) },
];

/** The incident queue: filters, sortable columns, live refresh and the "New incident" form. */
export const IncidentsPage = ({ agent }: { agent: boolean }) => {
  const filters = useSavedFilters('incidents');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Incident>();
  const query = Object.fromEntries(Object.entries(filters.values).filter(([, value]) => value));
  const { result: incidents, pager } = useQueuePages('incidents', query, (cursor) =>
    get<Ok<'listIncidents'>>('/incidents', { query: { ...query, limit: 50, ...(cursor ? { cursor } : {}) } }),
  );
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">{agent ? 'Incidents' : 'My incidents'}</h1>
      <FilterBar
        state={filters}
        filters={[
          { name: 'state', label: 'State', options: states.map((state) => [state, labelOf(state)]) },
          {
            name: 'priority',
            label: 'Priority',
            options: ['1', '2', '3', '4', '5'].map((p) => [p, `P${p}`]),
          },
          ...(agent
            ? [
                { name: 'assignee', label: 'Assignee' },
                { name: 'assignmentGroup', label: 'Assignment group' },
              ]
            : []),
        ]}
      />
      <p>
        <button type="button" aria-expanded={creating} onClick={() => setCreating(!creating)}>
          New incident
        </button>
      </p>
      {created && (
        <p role="status">
          Created <a href={`#/incidents/${created.id}`}>{created.number}</a>
        </p>
      )}
      {creating && (
        <NewIncidentForm
          onCreated={(incident) => {
            setCreating(false);
            setCreated(incident);
            void refresh('incidents');
          }}
        />
      )}
      <QueueTable name="Incidents" what="incidents" columns={columns} result={incidents} />
      <Pager label="Incidents" {...pager} />
    </section>
  );
};

const NewIncidentForm = ({ onCreated }: { onCreated: (incident: Incident) => void }) => {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => title.current?.focus(), []);
  const cis = useQuery({
    queryKey: ['cis', { status: 'active' }],
    queryFn: () => get<Ok<'listCis'>>('/cis', { query: { status: 'active', limit: 200 } }),
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '');
    const body: BodyOf<'logIncident'> = {
      title: text('title'),
      impact: Number(text('impact')) as 1 | 2 | 3,
      urgency: Number(text('urgency')) as 1 | 2 | 3,
      ...(text('description').trim() ? { description: text('description') } : {}),
      ...(text('ciId') ? { ciId: text('ciId') } : {}),
    };
    setBusy(true);
    try {
      const { body: incident } = await request<Incident>('POST', '/incidents', { body, idempotencyKey: key });
      onCreated(incident);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const ciOptions: Ci[] = cis.data?.items ?? [];
  return (
    <form class="card" aria-labelledby="new-incident-heading" onSubmit={submit}>
      <h2 id="new-incident-heading">New incident</h2>
      <ErrorAlert error={error} />
      <label>
        Title
        <input name="title" type="text" required ref={title} />
      </label>
      <label>
        Description
        <textarea name="description" rows={3} />
      </label>
      <LevelSelect name="impact" label="Impact" value={2} />
      <LevelSelect name="urgency" label="Urgency" value={2} />
      <label>
        Configuration item
        <select name="ciId">
          <option value="">None</option>
          {ciOptions.map((ci) => (
            <option key={ci.id} value={ci.id}>
              {ci.name} ({labelOf(ci.type)})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        Create
      </button>
    </form>
  );
};
