import { useEffect, useState } from 'preact/hooks';
import type { Incident } from '../api.ts';
import { formatCountdown, formatTime, labelOf } from './format.ts';

type Sla = Incident['slas'][number];

const metricLabel = { response: 'Response', resolution: 'Resolution' } as const;

/** A record's SLAs ("Response", "Resolution") with state and due time; running ones count down. */
export const SlaTimers = ({ slas }: { slas: Sla[] }) => {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <section aria-labelledby="slas-heading">
      <h2 id="slas-heading">Service levels</h2>
      {slas.length === 0 ? (
        <p>No service level applies.</p>
      ) : (
        <ul class="slas">
          {slas.map((sla) => (
            <li key={`${sla.policyId}-${sla.metric}`} class={`sla sla-${sla.state}`}>
              <strong>{metricLabel[sla.metric]}</strong> <span class="badge">{labelOf(sla.state)}</span> due{' '}
              <time dateTime={sla.dueAt}>{formatTime(sla.dueAt)}</time>
              {sla.state === 'running' && <span> ({formatCountdown(sla.dueAt, now)})</span>}
              <span class="muted"> · {Math.round(sla.percentElapsed)}% elapsed</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};

/** The SLA column of a queue: the most urgent SLA still running, or a breach. */
export const slaSummary = (slas: Sla[]): string => {
  const breached = slas.find((sla) => sla.state === 'breached');
  if (breached) return `${metricLabel[breached.metric]} breached`;
  const running = slas
    .filter((sla) => sla.state === 'running' || sla.state === 'paused')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  if (!running) return slas.length > 0 ? 'met' : '—';
  return `${metricLabel[running.metric]} ${running.state === 'paused' ? 'paused' : `due ${formatTime(running.dueAt)}`}`;
};
