import type { Schemas } from '../api.ts';
import { formatTime, labelOf } from './format.ts';

type HistoryEntry = Schemas['HistoryPage']['items'][number];
type Comment = Schemas['Comment'];

const show = (value: unknown) =>
  value === undefined || value === null
    ? 'nothing'
    : typeof value === 'object'
      ? JSON.stringify(value)
      : labelOf(String(value));

/** The activity stream: comments, work notes and every recorded change, newest first. */
export const Activity = ({ history, comments = [] }: { history: HistoryEntry[]; comments?: Comment[] }) => {
  const entries = [
    ...comments.map((comment) => ({
      at: comment.createdAt,
      key: `c-${comment.id}`,
      content: (
        <>
          <strong>{comment.author}</strong>{' '}
          {comment.visibility === 'work_note' ? 'added a work note' : 'commented'}:{' '}
          <span class={comment.visibility === 'work_note' ? 'work-note' : 'comment'}>{comment.body}</span>
        </>
      ),
    })),
    // Version 1 is the creation: one line, not one per field.
    ...history
      .filter((entry) => entry.version === 1)
      .slice(0, 1)
      .map((entry) => ({
        at: entry.at,
        key: 'created',
        content: (
          <>
            <strong>{entry.actor}</strong> created it
          </>
        ),
      })),
    ...history
      .filter((entry) => entry.version !== 1)
      .map((entry, index) => ({
        at: entry.at,
        key: `h-${entry.version}-${entry.field}-${index}`,
        content: (
          <>
            <strong>{entry.actor}</strong> changed {labelOf(entry.field)} from {show(entry.from)} to{' '}
            {show(entry.to)}
          </>
        ),
      })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      <ul aria-labelledby="activity-heading" class="activity">
        {entries.map((entry) => (
          <li key={entry.key}>
            <time dateTime={entry.at}>{formatTime(entry.at)}</time> {entry.content}
          </li>
        ))}
      </ul>
    </section>
  );
};
