/**
 * The record without its `undefined` fields, so a cleared field is absent rather than stored
 * as an empty attribute, and two versions compare equal whatever cleared them.
 * @example dropUndefined({ a: 1, b: undefined }) // { a: 1 }
 */
export const dropUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

/**
 * A PATCH body with `null` read as "clear this field" (JSON has no `undefined`), ready to spread
 * over a record and pass through `dropUndefined`.
 * @example clearingNulls({ assignee: null, title: 'x' }) // { assignee: undefined, title: 'x' }
 */
export const clearingNulls = <T extends object>(patch: object): Partial<T> =>
  Object.fromEntries(Object.entries(patch).map(([key, value]) => [key, value ?? undefined])) as Partial<T>;

/**
 * A record with a PATCH applied: fields set, `null` cleared, the rest kept.
 * @example applyPatch({ a: 1, b: 2 }, { b: null }) // { a: 1 }
 */
export const applyPatch = <T extends object>(record: T, patch: object): T =>
  dropUndefined({ ...record, ...clearingNulls<T>(patch) });
