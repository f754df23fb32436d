import {
  parseRelationshipId,
  type RelationshipInput,
  type RelationshipType,
  type RelationshipView,
  relationshipId,
  type StoredRelationship,
  validateRelationship,
} from '#domain/cmdb/relationship.ts';
import { conflict, notFound, validationError } from '#domain/errors.ts';
import type { Actor } from '#domain/record/record.ts';
import { type Page, WriteConflict } from '#ports/record-store.ts';
import type { ConfigurationDeps, IdempotencyRequest, Outcome } from '../dependencies.ts';
import { idempotencyWrites, now, replayed } from '../record-lifecycle.ts';
import { recomputeHealth } from './health-recompute.ts';

const view = (edge: StoredRelationship): RelationshipView => ({ id: relationshipId(edge), ...edge });

/**
 * Relates two CIs ("`fromId` needs `toId`"). Unknown or retired ends, a self-edge and an unknown
 * type are 422; the same edge twice is 409. Both stored copies commit in one transaction, which
 * also checks both ends are still active. Then the health of `fromId` and what needs it is
 * recomputed, as it now needs one CI more.
 * @example await relateCis(deps, actor, { fromId: app, toId: server, type: 'runs_on' });
 */
export const relateCis = async (
  deps: ConfigurationDeps,
  actor: Actor,
  input: RelationshipInput,
  idempotency?: IdempotencyRequest,
): Promise<Outcome<RelationshipView>> => {
  if (idempotency) {
    const earlier = await replayed<RelationshipView>(deps, idempotency);
    if (earlier) return earlier;
  }
  const shapeErrors = validateRelationship(input);
  if (shapeErrors.length > 0) throw validationError(shapeErrors, 'The relationship is not valid');
  const { store } = deps.cmdb;
  const cis = await store.cis([input.fromId, input.toId]);
  const errors = validateRelationship(input, { from: cis.get(input.fromId), to: cis.get(input.toId) });
  if (errors.length > 0) throw validationError(errors, 'The relationship is not valid');
  const edge: StoredRelationship = {
    fromId: input.fromId,
    toId: input.toId,
    type: input.type as RelationshipType,
    source: 'manual',
    createdAt: now(deps),
    createdBy: actor.sub,
  };
  const body = view(edge);
  try {
    await deps.store.commit([...store.relationshipWrites(edge), ...idempotencyWrites(idempotency, body)]);
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    if (error.reason === 'idempotency' && idempotency) {
      const earlier = await replayed<RelationshipView>(deps, idempotency);
      if (earlier) return earlier;
    }
    if (error.reason === 'exists')
      throw conflict('These CIs already have this relationship', { id: body.id });
    throw validationError([{ path: 'fromId', message: 'Both CIs must exist and be active' }]);
  }
  await recomputeHealth(deps, [edge.fromId], actor.sub);
  return { status: 201, body };
};

/**
 * Removes a relationship (both copies, one transaction), then recomputes the health of what
 * needed it. An unknown id is 404.
 * @example await removeRelationship(deps, actor, 'a_runs_on_b');
 */
export const removeRelationship = async (
  deps: ConfigurationDeps,
  actor: Actor,
  id: string,
): Promise<RelationshipView> => {
  const { store } = deps.cmdb;
  const key = parseRelationshipId(id);
  const edge = key ? await store.relationship(key.fromId, key.type, key.toId) : undefined;
  if (!edge) throw notFound('No relationship with that id');
  await deps.store.commit(store.relationshipRemoval(edge));
  await recomputeHealth(deps, [edge.fromId], actor.sub);
  return view(edge);
};

/** A CI's relationships in both directions (`direction: out` means the CI needs the other end). */
export const listRelationships = async (
  deps: ConfigurationDeps,
  ciId: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<RelationshipView>> => {
  if (!(await deps.store.get('ci', ciId))) throw notFound('No CI with that id');
  const edges = await deps.cmdb.store.relationships(ciId, {
    limit: page.limit ?? 50,
    cursor: page.cursor,
  });
  return { items: edges.items.map(view), nextCursor: edges.nextCursor };
};
