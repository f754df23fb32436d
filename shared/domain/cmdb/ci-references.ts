import type { FieldError } from '../errors.ts';
import type { CiStatus } from './configuration-item.ts';

/** A field of a request that names a CI: `ciId`, `serviceId`, `ciIds.2`. */
export interface CiReference {
  path: string;
  id: string;
}

/**
 * What a record may point at: an active CI. An unknown id is "no CI with that id"; a retired CI
 * gets no new incident or change ("CI is retired"), while records that already point at it keep
 * their link. One error per failing reference, in the order given.
 * @example ciReferenceErrors([{ path: 'ciId', id: 'x' }], new Map()) // [{ path: 'ciId', message: 'no CI with that id' }]
 */
export const ciReferenceErrors = (
  references: readonly CiReference[],
  found: ReadonlyMap<string, { status: CiStatus }>,
): FieldError[] =>
  references.flatMap(({ path, id }) => {
    const ci = found.get(id);
    if (!ci) return [{ path, message: 'no CI with that id' }];
    return ci.status === 'active' ? [] : [{ path, message: 'CI is retired' }];
  });

/**
 * The CIs a list newly names, each with its position: those already on the record are not
 * checked again (a change keeps a CI retired after it was planned).
 * @example addedCiReferences('ciIds', ['a', 'b'], ['a']) // [{ path: 'ciIds.1', id: 'b' }]
 */
export const addedCiReferences = (
  field: string,
  ids: readonly string[],
  existing: readonly string[] = [],
): CiReference[] =>
  ids.flatMap((id, position) => (existing.includes(id) ? [] : [{ path: `${field}.${position}`, id }]));
