import type { Role } from '#domain/record/record.ts';
import { contract, type Described } from '#http/operation.ts';
import { historyPage, pageOnlyQuery } from '#schemas/common.ts';

/**
 * The history operation every record type has (`GET /<records>/{id}/history`): one query, one
 * response and one summary; the record type names the path, who may read it and what it is.
 * @example historyContract({ operationId: 'listChangeHistory', path: '/changes/{id}/history', resource: 'change', role: 'agent' })
 */
export const historyContract = <
  const Id extends string,
  const Path extends `/${string}/{id}/history`,
>(declared: {
  operationId: Id;
  path: Path;
  resource: string;
  role: Role;
}) => contract({ ...declared, method: 'GET', query: pageOnlyQuery, response: { status: 200 } });

/** How the document describes every history operation. */
export const historyDescription: Described = {
  summary: 'Every change: who, when, field, from, to',
  schema: historyPage,
};
