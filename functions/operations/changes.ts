import { createdAt, servedBy, versioned } from '#http/operation.ts';
import {
  changeChange,
  currentConflicts,
  getChange,
  listChangeHistory,
  listChanges,
  raiseChange,
  voteOnChange,
} from '#processes/change-management.ts';
import { declareChangeWindow, listChangeWindows } from '#processes/change-windows.ts';
import type { ChangeDeps } from '#processes/dependencies.ts';
import { changeContracts } from '../contracts/changes.ts';
import { historyHandler } from './record-history.ts';

/** Change management over HTTP: changes, approvals, conflicts, windows, calendar (README, Problem, change and service-request management). */
export const changeOperations = servedBy<ChangeDeps>()(changeContracts, {
  raiseChange: async ({ actor, body, idempotency }, deps) =>
    createdAt('/changes', await raiseChange(deps, actor, body, idempotency)),
  listChanges: async ({ query }, deps) => ({ body: await listChanges(deps, query) }),
  getChange: async ({ params }, deps) => versioned(await getChange(deps, params.id)),
  changeChange: async ({ actor, params, body, ifMatch }, deps) =>
    versioned(await changeChange(deps, actor, params.id, body, ifMatch)),
  voteOnChange: async ({ actor, params, body, ifMatch }, deps) => ({
    status: 201,
    ...versioned(await voteOnChange(deps, actor, params.id, body, ifMatch)),
  }),
  listChangeConflicts: async ({ params }, deps) => ({ body: await currentConflicts(deps, params.id) }),
  listChangeHistory: historyHandler<ChangeDeps>((deps, _actor, id, page) =>
    listChangeHistory(deps, id, page),
  ),
  declareChangeWindow: async ({ actor, body, idempotency }, deps) => {
    const outcome = await declareChangeWindow(deps, actor, body, idempotency);
    return { status: outcome.status, body: outcome.body };
  },
  listChangeWindows: async ({ query }, deps) => ({ body: await listChangeWindows(deps, query) }),
});
