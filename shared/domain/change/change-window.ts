import { type FieldError, validationError } from '#domain/errors.ts';
import { isTimestamp } from './time-interval.ts';

export const changeWindowKinds = ['blackout', 'maintenance'] as const;
export type ChangeWindowKind = (typeof changeWindowKinds)[number];

/** A blackout (no changes) or maintenance (preferred) window. No `ciIds` means every CI. */
export interface ChangeWindow {
  id: string;
  kind: ChangeWindowKind;
  start: string;
  end: string;
  ciIds?: string[];
  reason: string;
}

/** A stored change window: the window plus who declared it and when. */
export type StoredChangeWindow = ChangeWindow & { createdAt: string; createdBy: string; version: number };

export type NewChangeWindow = Omit<ChangeWindow, 'id'>;

/**
 * Checks a `POST /change-windows` body and returns it typed, or throws one 422 listing every
 * failing field. An empty `ciIds` is refused: omit it to mean every CI, so intent is explicit.
 * @example validateChangeWindow({ kind: 'blackout', start, end, reason: 'Year end' }).kind // 'blackout'
 */
export const validateChangeWindow = (input: Record<string, unknown>): NewChangeWindow => {
  const { kind, start, end, ciIds, reason } = input;
  const errors: FieldError[] = [];
  if (!changeWindowKinds.includes(kind as ChangeWindowKind))
    errors.push({ path: 'kind', message: 'kind must be blackout or maintenance' });
  if (!isTimestamp(start)) errors.push({ path: 'start', message: 'start must be an RFC 3339 timestamp' });
  if (!isTimestamp(end)) errors.push({ path: 'end', message: 'end must be an RFC 3339 timestamp' });
  if (isTimestamp(start) && isTimestamp(end) && Date.parse(end) <= Date.parse(start))
    errors.push({ path: 'end', message: 'end must be after start' });
  const ciIdsValid =
    ciIds === undefined ||
    (Array.isArray(ciIds) && ciIds.length > 0 && ciIds.every((id) => typeof id === 'string' && id !== ''));
  if (!ciIdsValid) errors.push({ path: 'ciIds', message: 'ciIds must list CI ids; omit it for every CI' });
  if (typeof reason !== 'string' || reason.trim() === '')
    errors.push({ path: 'reason', message: 'A change window needs a reason' });
  if (errors.length > 0) throw validationError(errors);
  return {
    kind: kind as ChangeWindowKind,
    start: start as string,
    end: end as string,
    reason: reason as string,
    ...(ciIds === undefined ? {} : { ciIds: [...new Set(ciIds as string[])] }),
  };
};
