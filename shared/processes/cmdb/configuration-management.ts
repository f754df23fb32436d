import {
  type CiAttributes,
  type CiPatchInput,
  type CiType,
  type ConfigurationItem,
  type NewCiInput,
  newConfigurationItem,
  type ServiceTier,
  validateCiPatch,
  validateNewCi,
} from '#domain/cmdb/configuration-item.ts';
import { manualEdit } from '#domain/cmdb/manual-edit.ts';
import { conflict, notFound, validationError } from '#domain/errors.ts';
import { type Actor, diffFields, type FieldChange } from '#domain/record/record.ts';
import { type Page, type RecordWrite, WriteConflict } from '#ports/record-store.ts';
import type { ConfigurationDeps, IdempotencyRequest, Outcome, RecordDeps } from '../dependencies.ts';
import { type HistoryLine, recordHistory } from '../record-history.ts';
import { changeRecord, createRecord, now } from '../record-lifecycle.ts';
import { recomputeHealth } from './health-recompute.ts';

const notFoundMessage = 'No CI with that id';
export const trackedCiFields = ['name', 'type', 'status', 'attributes', 'externalId', 'serviceTier'] as const;

/**
 * Creates a CI with its first history entry, its `CI Updated` event and, with an `externalId`,
 * the guard that keeps the id unique, all in one transaction. A taken external id is 409.
 * @example await createCi(deps, actor, { name: 'checkout', type: 'service', serviceTier: 1 });
 */
export const createCi = async (
  deps: ConfigurationDeps,
  actor: Actor,
  input: NewCiInput,
  idempotency?: IdempotencyRequest,
  options: { owner?: 'manual' | 'discovery'; extra?: Partial<ConfigurationItem> } = {},
): Promise<Outcome<ConfigurationItem>> => {
  const errors = validateNewCi(input);
  if (errors.length > 0) throw validationError(errors, 'The CI is not valid');
  const { store } = deps.cmdb;
  try {
    return await createRecord<ConfigurationItem>(deps, {
      kind: 'ci',
      actor: actor.sub,
      idempotency,
      trackedFields: trackedCiFields,
      detailType: 'CI Updated',
      build: (sequence, id) => ({
        ...newConfigurationItem(
          input as Parameters<typeof newConfigurationItem>[0],
          options.owner ?? 'manual',
          {
            id,
            sequence,
            actor: actor.sub,
            at: now(deps),
          },
        ),
        ...options.extra,
      }),
      extraWrites: (ci): RecordWrite[] =>
        ci.externalId ? [store.externalIdGuard(ci.externalId, ci.id)] : [],
    });
  } catch (error) {
    if (!(error instanceof WriteConflict) || error.reason !== 'exists' || input.externalId === undefined)
      throw error;
    const holder = await store.ciIdByExternalId(input.externalId);
    throw conflict('Another CI has this externalId', { ciId: holder });
  }
};

export const getCi = async (deps: RecordDeps, id: string): Promise<ConfigurationItem> => {
  const ci = await deps.store.get<ConfigurationItem>('ci', id);
  if (!ci) throw notFound(notFoundMessage);
  return ci;
};

export const listCis = (
  deps: RecordDeps,
  query: { limit?: number; cursor?: string } & Record<string, string | number | undefined>,
): Promise<Page<ConfigurationItem>> => {
  const { limit, cursor, ...filters } = query;
  return deps.store.list<ConfigurationItem>('ci', { filters, limit: limit ?? 50, cursor });
};

const attributeChanges = (before: CiAttributes, after: CiAttributes, keys: string[]): FieldChange[] =>
  keys.flatMap((key) =>
    JSON.stringify(before[key]) === JSON.stringify(after[key])
      ? []
      : [{ field: `attributes.${key}`, from: before[key] ?? null, to: after[key] ?? null }],
  );

/**
 * Changes a CI by hand: name, type, tier, attributes (`null` removes one). Every attribute set
 * here becomes owned by `manual`, so discovery never overwrites it.
 * @example await changeCi(deps, actor, id, { attributes: { owner: 'payments' } }, 3);
 */
export const changeCi = (
  deps: ConfigurationDeps,
  actor: Actor,
  id: string,
  patch: CiPatchInput,
  ifMatch?: number,
): Promise<ConfigurationItem> => {
  const errors = validateCiPatch(patch);
  if (errors.length > 0) return Promise.reject(validationError(errors, 'The CI change is not valid'));
  return changeRecord<ConfigurationItem>(deps, {
    kind: 'ci',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    mutate: (current) => {
      const edited = manualEdit(current, (patch.attributes ?? {}) as Parameters<typeof manualEdit>[1]);
      const next: ConfigurationItem = {
        ...current,
        ...edited.state,
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.type === undefined ? {} : { type: patch.type as CiType }),
        updatedAt: now(deps),
      };
      if (patch.serviceTier === null) delete next.serviceTier;
      else if (patch.serviceTier !== undefined) next.serviceTier = patch.serviceTier as ServiceTier;
      const changes = [
        ...diffFields(current, next, ['name', 'type', 'serviceTier']),
        ...attributeChanges(current.attributes, next.attributes, Object.keys(patch.attributes ?? {})),
      ];
      return { record: next, changes, detailType: 'CI Updated' };
    },
  });
};

/** Edges removed per transaction when a CI is retired (two items each, 100 per transaction). */
const edgesPerTransaction = 50;

/**
 * Retires a CI (soft delete): it keeps its history and the links old records hold, and its
 * edges are removed, 50 per transaction after the CI itself is retired. Repeating the delete of
 * a retired CI finishes removing edges left by an interrupted one. What needed the CI is
 * recomputed, since it needs the CI no more.
 * @example await retireCi(deps, actor, id);
 */
export const retireCi = async (
  deps: ConfigurationDeps,
  actor: Actor,
  id: string,
  ifMatch?: number,
): Promise<ConfigurationItem> => {
  const { store } = deps.cmdb;
  const retired = await changeRecord<ConfigurationItem>(deps, {
    kind: 'ci',
    id,
    actor: actor.sub,
    ifMatch,
    notFoundMessage,
    mutate: (current) => {
      if (current.status === 'retired') return { record: current, changes: [], detailType: 'CI Updated' };
      const next: ConfigurationItem = {
        ...current,
        status: 'retired',
        retiredAt: now(deps),
        updatedAt: now(deps),
      };
      return { record: next, changes: diffFields(current, next, ['status']), detailType: 'CI Updated' };
    },
  });
  const edges = await store.allRelationships(id);
  for (let start = 0; start < edges.length; start += edgesPerTransaction) {
    const chunk = edges.slice(start, start + edgesPerTransaction);
    await deps.store.commit(chunk.flatMap((edge) => store.relationshipRemoval(edge)));
  }
  const dependants = [...new Set(edges.filter((edge) => edge.toId === id).map((edge) => edge.fromId))];
  if (dependants.length > 0) await recomputeHealth(deps, dependants, actor.sub);
  return retired;
};

/** The CI's history, one line per field change; a page holds whole versions. */
export const listCiHistory = async (
  deps: RecordDeps,
  id: string,
  page: { limit?: number; cursor?: string },
): Promise<Page<HistoryLine>> => {
  await getCi(deps, id);
  return recordHistory(deps, 'ci', id, page);
};
