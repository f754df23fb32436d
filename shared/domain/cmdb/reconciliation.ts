import type { ConfigItemStatus } from './config-discovery.ts';
import type { AttributeValue, CiAttributes, CiStatus } from './configuration-item.ts';

/** Who owns an attribute: discovery may change only what it owns. */
export type AttributeSource = 'discovery' | 'manual';

/** The part of a CI that discovery and hand edits reconcile. */
export interface DiscoveryState {
  attributes: CiAttributes;
  attributeSources: Record<string, AttributeSource>;
  status: CiStatus;
  /** Capture time of the newest Config item applied (RFC 3339). */
  lastDiscoveredAt?: string;
}

/** What discovery saw: from `parseConfigItemChange`. */
export interface DiscoveredFacts {
  itemStatus: ConfigItemStatus;
  attributes: CiAttributes;
}

export type Reconciliation =
  | { outcome: 'unchanged'; reason: 'replay' | 'stale' | 'not_recorded' }
  | { outcome: 'created' | 'updated'; state: DiscoveryState; changes: string[] };

const sameValue = (a: AttributeValue | undefined, b: AttributeValue | undefined): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

const isDeleted = (status: ConfigItemStatus): boolean =>
  status === 'ResourceDeleted' || status === 'ResourceDeletedNotRecorded';

/**
 * Applies one Config item to a CI. The ARN has already picked the CI (`existing`, or none yet).
 * - An item older than `lastDiscoveredAt` changes nothing (out-of-order delivery), nor does
 *   the same item again (replay): `unchanged`, so nothing is written.
 * - `ResourceDeleted`/`ResourceDeletedNotRecorded` retire the CI and keep its attributes;
 *   a deletion seen first still creates the CI, retired, so an older creation arriving later
 *   is stale. `ResourceNotRecorded` (Config stopped recording the type) changes nothing.
 * - Discovery adds attributes (owned by discovery), updates and removes those it owns, and
 *   never touches one owned by `manual`; an attribute with no recorded owner counts as manual.
 * A newer item with the same content moves `lastDiscoveredAt` on with `changes: []`: write it,
 * but publish no `CI Updated`.
 * @example reconcile(undefined, { itemStatus: 'OK', attributes: { state: 'running' } }, '2026-01-05T10:00:00.000Z')
 * // { outcome: 'created', state: { status: 'active', ... }, changes: ['status', 'attributes.state'] }
 */
export const reconcile = (
  existing: DiscoveryState | undefined,
  discovered: DiscoveredFacts,
  captureTime: string,
): Reconciliation => {
  if (discovered.itemStatus === 'ResourceNotRecorded')
    return { outcome: 'unchanged', reason: 'not_recorded' };
  const last = existing?.lastDiscoveredAt;
  if (last !== undefined && Date.parse(captureTime) < Date.parse(last))
    return { outcome: 'unchanged', reason: 'stale' };
  const before: DiscoveryState = existing ?? { attributes: {}, attributeSources: {}, status: 'active' };
  const attributes = { ...before.attributes };
  const attributeSources = { ...before.attributeSources };
  const changes: string[] = [];
  const status: CiStatus = isDeleted(discovered.itemStatus) ? 'retired' : 'active';
  if (existing === undefined || status !== before.status) changes.push('status');
  if (!isDeleted(discovered.itemStatus)) {
    const owned = (key: string) => attributeSources[key] === 'discovery' || !(key in attributes);
    for (const [key, value] of Object.entries(discovered.attributes)) {
      if (!owned(key) || sameValue(attributes[key], value)) continue;
      attributes[key] = value;
      attributeSources[key] = 'discovery';
      changes.push(`attributes.${key}`);
    }
    for (const key of Object.keys(attributes)) {
      if (attributeSources[key] !== 'discovery' || key in discovered.attributes) continue;
      delete attributes[key];
      delete attributeSources[key];
      changes.push(`attributes.${key}`);
    }
  }
  if (
    existing !== undefined &&
    changes.length === 0 &&
    last !== undefined &&
    Date.parse(captureTime) === Date.parse(last)
  ) {
    return { outcome: 'unchanged', reason: 'replay' };
  }
  const state: DiscoveryState = { attributes, attributeSources, status, lastDiscoveredAt: captureTime };
  return { outcome: existing === undefined ? 'created' : 'updated', state, changes };
};
