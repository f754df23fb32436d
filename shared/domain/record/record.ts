/** What every ITSM record carries (README, Calling the API). */
export interface RecordBase {
  id: string;
  number: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  version: number;
}

/** The kinds of record OpsDesk keeps; each has its own number prefix and index plan in the store. */
export type RecordKind = 'incident' | 'problem' | 'change' | 'request' | 'change_window' | 'ci';

/** One field change, as history and events report it. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Who acts: the token's subject and roles. */
export interface Actor {
  sub: string;
  roles: Role[];
}

export const roles = ['requester', 'agent', 'change_manager', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Role rank: admin may do everything; change_manager includes agent rights. */
const rank: Record<Role, number> = { requester: 0, agent: 1, change_manager: 2, admin: 3 };

/**
 * Whether the actor holds `role` or a higher one.
 * @example hasRole({ sub: 'a', roles: ['agent'] }, 'requester') // true
 */
export const hasRole = (actor: Actor, role: Role): boolean =>
  actor.roles.some((held) => rank[held] >= rank[role]);

/** Human-readable sequential number: `INC0001001`. */
export const formatNumber = (prefix: string, sequence: number): string =>
  `${prefix}${String(sequence).padStart(7, '0')}`;

/**
 * The field changes between two versions of a record, over the fields named.
 * @example diffFields({ a: 1 }, { a: 2 }, ['a']) // [{ field: 'a', from: 1, to: 2 }]
 */
export const diffFields = <T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T)[],
): FieldChange[] =>
  fields.flatMap((field) => {
    const from = before[field];
    const to = after[field];
    return JSON.stringify(from) === JSON.stringify(to)
      ? []
      : [{ field: String(field), from: from ?? null, to: to ?? null }];
  });
