import type { Actor, Role } from '#domain/record/record.ts';
import { type Operation, operationsOver } from '#http/operation.ts';
import { historyPage, pageOnlyQuery } from '#schemas/common.ts';

/**
 * The history operation every record type has (`GET /<records>/{id}/history`): one query, one
 * response and one summary; the record type names the path, who may read it and how it is read.
 * @example historyOperation<ChangeDeps>({ operationId: 'listChangeHistory', path: '/changes/{id}/history', ... })
 */
export const historyOperation = <Deps>({
  list,
  ...declared
}: {
  operationId: string;
  path: `/${string}/{id}/history`;
  tag: string;
  resource: string;
  role: Role;
  list: (deps: Deps, actor: Actor, id: string, page: { limit?: number; cursor?: string }) => Promise<unknown>;
}): Operation<Deps> =>
  operationsOver<Deps>()({
    ...declared,
    method: 'GET',
    summary: 'Every change: who, when, field, from, to',
    query: pageOnlyQuery,
    response: { status: 200, schema: historyPage },
    handle: async ({ actor, params, query }, deps) => ({
      body: await list(deps, actor, (params as Record<'id', string>).id, query),
    }),
  });
