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
