import { useState } from 'preact/hooks';
import { type BodyOf, get, type Incident, newIdempotencyKey, type Ok, request } from '../api.ts';
import { listRefreshMs, refresh, useQuery } from '../query.ts';
import { Activity } from '../ui/activity.tsx';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { formatTime, labelOf } from '../ui/format.ts';
import { LevelSelect } from '../ui/level-select.tsx';
import { SlaTimers } from '../ui/sla-timers.tsx';

const states = ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'] as const;
const holdReasons = ['awaiting_caller', 'awaiting_change', 'awaiting_problem', 'awaiting_vendor'] as const;

/** One incident: fields and state for agents, SLAs, impacted services, findings, comments, activity. */
export const IncidentPage = ({ id, agent }: { id: string; agent: boolean }) => {
  const [savedAt, setSavedAt] = useState<number>();
  const incident = useQuery({
    queryKey: ['incident', id],
    queryFn: () => get<Incident>('/incidents/{id}', { path: { id } }),
  });
  const comments = useQuery({
    queryKey: ['incident', id, 'comments'],
    // Comments and changes by others show up while the page is open.
    refetchInterval: 10_000,
    queryFn: () =>
      get<Ok<'listIncidentComments'>>('/incidents/{id}/comments', { path: { id }, query: { limit: 200 } }),
  });
  const history = useQuery({
    queryKey: ['incident', id, 'history'],
    // Comments and changes by others show up while the page is open.
    refetchInterval: 10_000,
    queryFn: () =>
      get<Ok<'listIncidentHistory'>>('/incidents/{id}/history', { path: { id }, query: { limit: 200 } }),
  });
  if (!incident.data)
    return incident.error ? <ErrorAlert error={incident.error} /> : <Loading what="the incident" />;
  const record = incident.data;
  const findings = record.findings ?? [];
  return (
    <article aria-labelledby="page-heading">
      <h1 id="page-heading">
        {record.number}: {record.title}
      </h1>
      <p class="meta">
        <span class="badge">P{record.priority}</span> <span class="badge">{labelOf(record.state)}</span>{' '}
        opened {formatTime(record.createdAt)} by {record.createdBy}
        {record.major && <span class="badge danger">major</span>}
      </p>
      {record.description && <p class="description">{record.description}</p>}
      <ErrorAlert error={comments.error ?? history.error} />
      {savedAt && (
        <p role="status" class="muted">
          Saved.
        </p>
      )}
      {agent ? (
        <IncidentFields incident={record} key={record.version} onSaved={() => setSavedAt(Date.now())} />
      ) : (
        <dl class="fields">
          <dt>State</dt>
          <dd>{labelOf(record.state)}</dd>
          <dt>Assignee</dt>
          <dd>{record.assignee ?? '—'}</dd>
        </dl>
      )}
      <div class="columns">
        <SlaTimers slas={record.slas} />
        <section aria-labelledby="impacted-heading">
          <h2 id="impacted-heading">Impacted services</h2>
          {record.impactedServices.length === 0 ? (
            <p>None known.</p>
          ) : (
            <ul aria-labelledby="impacted-heading">
              {record.impactedServices.map((service) => (
                <li key={service.ciId}>
                  <a href={`#/cis/${service.ciId}`}>{service.name}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="findings-heading">
          <h2 id="findings-heading">Findings</h2>
          {findings.length === 0 ? (
            <p>No recent change on its CI or what it needs.</p>
          ) : (
            <ul aria-labelledby="findings-heading">
              {findings.map((finding) => (
                <li key={`${finding.kind}-${finding.changeId}`}>
                  {labelOf(finding.kind)}:{' '}
                  {finding.changeId ? (
                    <a href={`#/changes/${finding.changeId}`}>{finding.number ?? finding.changeId}</a>
                  ) : null}{' '}
                  {finding.distance !== undefined && `at distance ${finding.distance}`} {finding.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
        <LinkedRecords incident={record} />
      </div>
      <CommentForm id={id} agent={agent} />
      <Activity history={history.data?.items ?? []} comments={comments.data?.items ?? []} />
    </article>
  );
};

/** Its CI, parent, problem, changes and child incidents (agents see children; the API scopes a requester's). */
const LinkedRecords = ({ incident }: { incident: Incident }) => {
  const children = useQuery({
    queryKey: ['incidents', { parentId: incident.id }, null],
    queryFn: () => get<Ok<'listIncidents'>>('/incidents', { query: { parentId: incident.id, limit: 200 } }),
    refetchInterval: listRefreshMs,
  });
  const links = [
    ...(incident.ciId ? [{ href: `#/cis/${incident.ciId}`, label: 'Configuration item' }] : []),
    ...(incident.parentId ? [{ href: `#/incidents/${incident.parentId}`, label: 'Parent incident' }] : []),
    ...(incident.problemId ? [{ href: `#/problems/${incident.problemId}`, label: 'Problem' }] : []),
    ...incident.changeIds.map((changeId) => ({ href: `#/changes/${changeId}`, label: `Change ${changeId}` })),
    ...(children.data?.items ?? []).map((child) => ({
      href: `#/incidents/${child.id}`,
      label: `Child ${child.number}: ${child.title}`,
    })),
  ];
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="linked-heading">
      <h2 id="linked-heading">Linked records</h2>
      <ul aria-labelledby="linked-heading">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
};

const IncidentFields = ({ incident, onSaved }: { incident: Incident; onSaved: () => void }) => {
  const [state, setState] = useState<string>(incident.state);
  const [error, setError] = useState<unknown>();
  const save = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const patch: BodyOf<'changeIncident'> = {};
    if (state !== incident.state) patch.state = state as Incident['state'];
    if (state === 'on_hold' && state !== incident.state)
      patch.holdReason = text('holdReason') as Incident['holdReason'];
    if (state === 'resolved' && state !== incident.state) {
      patch.resolutionCode = text('resolutionCode');
      patch.resolutionNotes = text('resolutionNotes');
    }
    if (text('assignee') !== (incident.assignee ?? '')) patch.assignee = text('assignee') || null;
    if (text('assignmentGroup') !== (incident.assignmentGroup ?? ''))
      patch.assignmentGroup = text('assignmentGroup') || null;
    for (const field of ['impact', 'urgency'] as const)
      if (Number(text(field)) !== incident[field]) patch[field] = Number(text(field)) as 1 | 2 | 3;
    if ((form.get('major') === 'on') !== incident.major) patch.major = form.get('major') === 'on';
    setError(undefined);
    try {
      await request('PATCH', '/incidents/{id}', {
        path: { id: incident.id },
        body: patch,
        ifMatch: incident.version,
      });
      onSaved();
      await refresh('incident', incident.id);
      void refresh('incidents');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="card fields" aria-label="Incident fields" onSubmit={save}>
      <ErrorAlert error={error} onReload={() => void refresh('incident', incident.id)} />
      <label>
        State
        <select name="state" value={state} onChange={(event) => setState(event.currentTarget.value)}>
          {states.map((candidate) => (
            <option key={candidate} value={candidate}>
              {labelOf(candidate)}
            </option>
          ))}
        </select>
      </label>
      {state === 'on_hold' && state !== incident.state && (
        <label>
          Hold reason
          <select name="holdReason">
            {holdReasons.map((reason) => (
              <option key={reason} value={reason}>
                {labelOf(reason)}
              </option>
            ))}
          </select>
        </label>
      )}
      {state === 'resolved' && state !== incident.state && (
        <>
          <label>
            Resolution code
            <input name="resolutionCode" type="text" defaultValue="fixed" />
          </label>
          <label>
            Resolution notes
            <textarea name="resolutionNotes" rows={2} />
          </label>
        </>
      )}
      <label>
        Assignee
        <input name="assignee" type="text" defaultValue={incident.assignee ?? ''} />
      </label>
      <label>
        Assignment group
        <input name="assignmentGroup" type="text" defaultValue={incident.assignmentGroup ?? ''} />
      </label>
      <LevelSelect name="impact" label="Impact" value={incident.impact} />
      <LevelSelect name="urgency" label="Urgency" value={incident.urgency} />
      <label class="inline">
        <input name="major" type="checkbox" defaultChecked={incident.major} />
        Major incident
      </label>
      <button type="submit">Save</button>
    </form>
  );
};

const CommentForm = ({ id, agent }: { id: string; agent: boolean }) => {
  const [error, setError] = useState<unknown>();
  const [body, setBody] = useState('');
  const [workNote, setWorkNote] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const add = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await request('POST', '/incidents/{id}/comments', {
        path: { id },
        body: { body, visibility: workNote ? 'work_note' : 'public' },
        idempotencyKey: key,
      });
      setBody('');
      setWorkNote(false);
      setKey(newIdempotencyKey());
      await refresh('incident', id, 'comments');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="card" aria-label="New entry" onSubmit={add}>
      <ErrorAlert error={error} />
      <label>
        Comment
        <textarea
          name="comment"
          rows={3}
          value={body}
          onInput={(event) => setBody(event.currentTarget.value)}
        />
      </label>
      {agent && (
        <label class="inline">
          <input
            type="checkbox"
            checked={workNote}
            onChange={(event) => setWorkNote(event.currentTarget.checked)}
          />
          Work note
        </label>
      )}
      <button type="submit">Add comment</button>
    </form>
  );
};
