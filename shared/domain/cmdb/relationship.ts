import type { FieldError } from '#domain/errors.ts';
import type { CiStatus } from './configuration-item.ts';

/**
 * Relationship types. Every one reads "`from` needs `to`": an application `runs_on` a server,
 * a service `depends_on` an application. So impact (who is hurt when X fails) follows edges
 * backwards, and dependencies (what X needs) follow them forwards.
 */
export const RELATIONSHIP_TYPES = ['depends_on', 'runs_on', 'hosted_on', 'connects_to', 'contains'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export interface Relationship {
  fromId: string;
  toId: string;
  type: RelationshipType;
}

/** Input of `POST /relationships`, before validation. */
export interface RelationshipInput {
  fromId: string;
  toId: string;
  type: string;
}

/** What the use case knows of the two ends; `undefined` means no such CI. */
export interface RelationshipEnds {
  from: { status: CiStatus } | undefined;
  to: { status: CiStatus } | undefined;
}

export const isRelationshipType = (value: unknown): value is RelationshipType =>
  RELATIONSHIP_TYPES.includes(value as RelationshipType);

/**
 * The identity of an edge: two edges with the same key are duplicates.
 * @example relationshipKey({ fromId: 'a', toId: 'b', type: 'runs_on' }) // 'a|runs_on|b'
 */
export const relationshipKey = (edge: Relationship): string => `${edge.fromId}|${edge.type}|${edge.toId}`;

const idErrors = (path: 'fromId' | 'toId', id: unknown): FieldError[] =>
  typeof id === 'string' && id.trim() !== '' ? [] : [{ path, message: `${path} is a CI id` }];

const endErrors = (path: 'fromId' | 'toId', end: { status: CiStatus } | undefined): FieldError[] => {
  if (end === undefined) return [{ path, message: 'No CI has this id' }];
  return end.status === 'retired' ? [{ path, message: 'A retired CI takes no new relationship' }] : [];
};

/**
 * Every rule a new relationship breaks: unknown type, empty ids, self-edge and, when `ends`
 * is given, an unknown or retired CI at either end. Duplicates are the store's guard
 * (`relationshipKey`), since only the store sees concurrent writers.
 * @example validateRelationship({ fromId: 'app', toId: 'app', type: 'runs_on' })
 * // [{ path: 'toId', message: 'A CI cannot need itself' }]
 */
export const validateRelationship = (input: RelationshipInput, ends?: RelationshipEnds): FieldError[] => {
  const errors = [...idErrors('fromId', input.fromId), ...idErrors('toId', input.toId)];
  if (!isRelationshipType(input.type)) {
    errors.push({
      path: 'type',
      message: `Unknown relationship type; one of ${RELATIONSHIP_TYPES.join(', ')}`,
    });
  }
  if (errors.length === 0 && input.fromId === input.toId) {
    errors.push({ path: 'toId', message: 'A CI cannot need itself' });
  }
  if (ends !== undefined) errors.push(...endErrors('fromId', ends.from), ...endErrors('toId', ends.to));
  return errors;
};

/** One edge, "`fromId` needs `toId`", as stored (once under each end). */
export interface StoredRelationship {
  fromId: string;
  toId: string;
  type: RelationshipType;
  /** `discovery` edges are reconciled with AWS Config; `manual` ones are never removed by it. */
  source: 'manual' | 'discovery';
  createdAt: string;
  createdBy: string;
  /** The ends' external ids, kept on discovered edges so they compare with Config items. */
  fromExternalId?: string;
  toExternalId?: string;
  /** The Config relationship name a discovered edge came from. */
  configName?: string;
}

/** A relationship as the API shows it; `id` names it in `DELETE /relationships/{id}`. */
export interface RelationshipView extends StoredRelationship {
  id: string;
}

/**
 * The id of an edge: `<fromId>_<type>_<toId>` (CI ids hold no `_`; the type is from a closed list).
 * @example relationshipId({ fromId: 'a', type: 'runs_on', toId: 'b' }) // 'a_runs_on_b'
 */
export const relationshipId = (edge: Pick<StoredRelationship, 'fromId' | 'toId' | 'type'>): string =>
  `${edge.fromId}_${edge.type}_${edge.toId}`;

const idPattern = new RegExp(`^([^_]+)_(${RELATIONSHIP_TYPES.join('|')})_([^_]+)$`);

/**
 * The edge a relationship id names, or undefined for an id this API never issued.
 * @example parseRelationshipId('a_runs_on_b') // { fromId: 'a', type: 'runs_on', toId: 'b' }
 */
export const parseRelationshipId = (
  id: string,
): { fromId: string; type: RelationshipType; toId: string } | undefined => {
  const match = idPattern.exec(id);
  return match
    ? { fromId: match[1] as string, type: match[2] as RelationshipType, toId: match[3] as string }
    : undefined;
};
