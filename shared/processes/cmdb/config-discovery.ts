import {
  type DiscoveredRef,
  type DiscoveredResource,
  parseConfigItemChange,
} from '#domain/cmdb/config-discovery.ts';
import type { DiscoveredEdge } from '#domain/cmdb/config-relationships.ts';
import type { CiAttributes, ConfigurationItem } from '#domain/cmdb/configuration-item.ts';
import { reconcileEdges } from '#domain/cmdb/discovered-edges.ts';
import { reconcile } from '#domain/cmdb/reconciliation.ts';
import type { StoredRelationship } from '#domain/cmdb/relationship.ts';
import { DomainError } from '#domain/errors.ts';
import type { FieldChange } from '#domain/record/record.ts';
import { WriteConflict } from '#ports/record-store.ts';
import type { ConfigurationDeps } from '../dependencies.ts';
import { changeRecord, now } from '../record-lifecycle.ts';
import { discoveryActor } from './cmdb-access.ts';
import { createCi } from './configuration-management.ts';
import { recomputeHealth } from './health-recompute.ts';

/** What one Config item did to the CMDB. */
export interface DiscoveryOutcome {
  ciId?: string;
  outcome: 'created' | 'updated' | 'unchanged';
  edgesAdded: number;
  edgesRemoved: number;
}

/**
 * Applies one `Config Configuration Item Change` event: the ARN picks the CI (created when new),
 * discovered attributes are reconciled (hand-set ones are never overwritten), related resources
 * get a CI if they have none, and the edges discovery drew from this resource follow its newest
 * item. A replay, a stale item or an unrecorded type writes nothing; a deletion retires the CI
 * and keeps its edges. Throws a validation error for an event that is not a full item change.
 * @example await discoverFromConfig(deps, ec2InstanceEvent) // { outcome: 'created', edgesAdded: 5, ... }
 */
export const discoverFromConfig = async (
  deps: ConfigurationDeps,
  event: unknown,
): Promise<DiscoveryOutcome> => {
  const resource = parseConfigItemChange(event);
  const subject = await applyItem(deps, resource);
  if (subject.ciId === undefined || subject.skipEdges) return { ...subject, edgesAdded: 0, edgesRemoved: 0 };
  const ids = new Map<string, string>([[resource.externalId, subject.ciId]]);
  for (const ref of resource.related) ids.set(ref.externalId, await ensureRelatedCi(deps, ref));
  const edges = await syncEdges(deps, subject.ciId, resource.edges, ids);
  return { ciId: subject.ciId, outcome: subject.outcome, ...edges };
};

interface AppliedItem {
  ciId?: string;
  outcome: DiscoveryOutcome['outcome'];
  skipEdges: boolean;
}

const attributeChanges = (before: CiAttributes, after: CiAttributes): FieldChange[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((key) =>
    JSON.stringify(before[key]) === JSON.stringify(after[key])
      ? []
      : [{ field: `attributes.${key}`, from: before[key] ?? null, to: after[key] ?? null }],
  );

const applyItem = async (deps: ConfigurationDeps, resource: DiscoveredResource): Promise<AppliedItem> => {
  const facts = { itemStatus: resource.itemStatus, attributes: resource.attributes };
  const deleted = resource.itemStatus !== 'OK' && resource.itemStatus !== 'ResourceDiscovered';
  const existingId = await deps.cmdb.store.ciIdByExternalId(resource.externalId);
  if (existingId === undefined) {
    const result = reconcile(undefined, facts, resource.captureTime);
    if (result.outcome === 'unchanged') return { outcome: 'unchanged', skipEdges: true };
    try {
      const created = await createCi(
        deps,
        discoveryActor,
        { name: resource.name, type: resource.ciType, externalId: resource.externalId },
        undefined,
        { owner: 'discovery', extra: { ...result.state, ...(deleted ? { retiredAt: now(deps) } : {}) } },
      );
      return { ciId: created.body.id, outcome: 'created', skipEdges: deleted };
    } catch (error) {
      // Another delivery created it meanwhile: update that one instead.
      if (!(error instanceof DomainError) || error.kind !== 'conflict') throw error;
      return applyItem(deps, resource);
    }
  }
  let outcome: AppliedItem = { ciId: existingId, outcome: 'unchanged', skipEdges: false };
  await changeRecord<ConfigurationItem>(deps, {
    kind: 'ci',
    id: existingId,
    actor: discoveryActor.sub,
    notFoundMessage: 'No CI with that id',
    mutate: (current) => {
      const result = reconcile(current, facts, resource.captureTime);
      if (result.outcome === 'unchanged') {
        outcome = {
          ciId: existingId,
          outcome: 'unchanged',
          skipEdges: result.reason !== 'replay' || deleted,
        };
        return { record: current, changes: [], detailType: 'CI Updated' };
      }
      const stub = current.createdBy === discoveryActor.sub && current.lastDiscoveredAt === undefined;
      const next: ConfigurationItem = {
        ...current,
        ...result.state,
        ...(stub ? { name: resource.name, type: resource.ciType } : {}),
        updatedAt: now(deps),
      };
      if (next.status === 'retired' && current.status !== 'retired') next.retiredAt = now(deps);
      if (next.status === 'active') delete next.retiredAt;
      const changes: FieldChange[] = [
        ...(current.status === next.status
          ? []
          : [{ field: 'status', from: current.status, to: next.status }]),
        ...(current.name === next.name ? [] : [{ field: 'name', from: current.name, to: next.name }]),
        ...(current.type === next.type ? [] : [{ field: 'type', from: current.type, to: next.type }]),
        ...attributeChanges(current.attributes, next.attributes),
      ];
      outcome = {
        ciId: existingId,
        outcome: changes.length > 0 ? 'updated' : 'unchanged',
        skipEdges: deleted,
      };
      return { record: next, changes, detailType: 'CI Updated' };
    },
  });
  return outcome;
};

/** The CI of a related resource; a new one, known only by its ARN and type, when there is none. */
const ensureRelatedCi = async (deps: ConfigurationDeps, ref: DiscoveredRef): Promise<string> => {
  const found = await deps.cmdb.store.ciIdByExternalId(ref.externalId);
  if (found !== undefined) return found;
  try {
    const created = await createCi(
      deps,
      discoveryActor,
      { name: ref.name, type: ref.ciType, externalId: ref.externalId },
      undefined,
      { owner: 'discovery' },
    );
    return created.body.id;
  } catch (error) {
    const holder = await deps.cmdb.store.ciIdByExternalId(ref.externalId);
    if (holder === undefined) throw error;
    return holder;
  }
};

const asDiscovered = (edge: StoredRelationship): DiscoveredEdge => ({
  fromExternalId: edge.fromExternalId ?? '',
  toExternalId: edge.toExternalId ?? '',
  type: edge.type,
  configName: edge.configName ?? '',
});

/** Draws the edges the item names and removes those discovery drew earlier that it no longer names. */
const syncEdges = async (
  deps: ConfigurationDeps,
  ciId: string,
  discovered: DiscoveredEdge[],
  ids: Map<string, string>,
): Promise<{ edgesAdded: number; edgesRemoved: number }> => {
  const { store } = deps.cmdb;
  const owned = (await store.allRelationships(ciId)).filter((edge) => edge.source === 'discovery');
  const byKey = new Map(
    owned.map((edge) => [`${edge.fromExternalId}|${edge.type}|${edge.toExternalId}`, edge]),
  );
  const { add, remove } = reconcileEdges(owned.map(asDiscovered), discovered);
  let edgesAdded = 0;
  const touched = new Set<string>();
  for (const edge of add) {
    const fromId = ids.get(edge.fromExternalId);
    const toId = ids.get(edge.toExternalId);
    if (fromId === undefined || toId === undefined || fromId === toId) continue;
    const stored: StoredRelationship = {
      fromId,
      toId,
      type: edge.type,
      source: 'discovery',
      createdAt: now(deps),
      createdBy: discoveryActor.sub,
      fromExternalId: edge.fromExternalId,
      toExternalId: edge.toExternalId,
      configName: edge.configName,
    };
    try {
      await deps.store.commit(store.relationshipWrites(stored));
      edgesAdded++;
      touched.add(fromId);
    } catch (error) {
      // Drawn already (by hand, or from the other end's item), or an end is retired: leave it.
      if (!(error instanceof WriteConflict)) throw error;
    }
  }
  for (const edge of remove) {
    const stored = byKey.get(`${edge.fromExternalId}|${edge.type}|${edge.toExternalId}`);
    if (!stored) continue;
    await deps.store.commit(store.relationshipRemoval(stored));
    touched.add(stored.fromId);
  }
  if (touched.size > 0) await recomputeHealth(deps, [...touched], discoveryActor.sub);
  return { edgesAdded, edgesRemoved: remove.length };
};
