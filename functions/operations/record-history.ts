import type { Actor } from '#domain/record/record.ts';
import type { OperationResult } from '#http/operation.ts';

/**
 * The handler of a record type's history operation (`historyContract`): one page of its history.
 * @example historyHandler<ChangeDeps>((deps, _actor, id, page) => listChangeHistory(deps, id, page))
 */
export const historyHandler =
  <Deps>(
    list: (
      deps: Deps,
      actor: Actor,
      id: string,
      page: { limit?: number; cursor?: string },
    ) => Promise<unknown>,
  ) =>
  async (
    {
      actor,
      params,
      query,
    }: { actor: Actor; params: Record<'id', string>; query: { limit?: number; cursor?: string } },
    deps: Deps,
  ): Promise<OperationResult> => ({ body: await list(deps, actor, params.id, query) });
