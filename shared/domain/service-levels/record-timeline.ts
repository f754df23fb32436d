import type { RecordTimeline } from './sla-policy.ts';

export interface TimelineEvent {
  atMs: number;
  state: string;
  priority: number | undefined;
}

/**
 * The timeline as known at `nowMs`: parsed, priorities carried forward, entries after `nowMs` dropped
 * (so a clock evaluated at an earlier `now` sees exactly what a live clock saw then). The creation
 * entry is always kept. Throws on an empty, unparsable or out-of-order history, which is a bug upstream.
 */
export const timelineAsOf = (timeline: RecordTimeline, nowMs: number): TimelineEvent[] => {
  if (timeline.length === 0) throw new RangeError('A record timeline starts with its creation');
  const events: TimelineEvent[] = [];
  let priority: number | undefined;
  for (const [index, entry] of timeline.entries()) {
    const atMs = Date.parse(entry.at);
    if (Number.isNaN(atMs)) throw new RangeError(`timeline[${index}].at is not an RFC 3339 instant`);
    const previous = events.at(-1);
    if (previous && atMs < previous.atMs) throw new RangeError(`timeline[${index}] is out of order`);
    if (index > 0 && atMs > nowMs) break;
    priority = entry.priority ?? priority;
    events.push({ atMs, state: entry.state, priority });
  }
  return events;
};
