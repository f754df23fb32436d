import { createdAt, operationsOver, versioned } from '#http/operation.ts';
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
import {
  approvalBody,
  changeDocument,
  changePage,
  changeWindowDocument,
  changeWindowPage,
  conflictList,
  createChangeBody,
  createChangeWindowBody,
  listChangesQuery,
  listChangeWindowsQuery,
  patchChangeBody,
} from '#schemas/change.ts';
import { historyOperation } from './record-history.ts';

const operation = operationsOver<ChangeDeps>();
const tag = 'Changes';
const resource = 'change';

/** Change management over HTTP: changes, approvals, conflicts, windows, calendar (README, Problem, change and service-request management). */
export const changeOperations = [
  operation({
    operationId: 'raiseChange',
    method: 'POST',
    path: '/changes',
    tag,
    summary: 'Raise a change (risk and riskReasons are computed)',
    role: 'agent',
    body: createChangeBody,
    response: { status: 201, schema: changeDocument },
    idempotent: true,
    handle: async ({ actor, body, idempotency }, deps) =>
      createdAt('/changes', await raiseChange(deps, actor, body, idempotency)),
  }),
  operation({
    operationId: 'listChanges',
    method: 'GET',
    path: '/changes',
    tag,
    summary: 'List changes; with from/to the change calendar by planned start',
    role: 'agent',
    query: listChangesQuery,
    response: { status: 200, schema: changePage },
    handle: async ({ query }, deps) => ({ body: await listChanges(deps, query) }),
  }),
  operation({
    operationId: 'getChange',
    method: 'GET',
    path: '/changes/{id}',
    tag,
    resource,
    summary: 'Read a change',
    role: 'agent',
    response: { status: 200, schema: changeDocument },
    versioned: true,
    handle: async ({ params }, deps) => versioned(await getChange(deps, params.id)),
  }),
  operation({
    operationId: 'changeChange',
    method: 'PATCH',
    path: '/changes/{id}',
    tag,
    resource,
    summary: 'Change a change: move it along its path, replan it, record its review',
    role: 'agent',
    body: patchChangeBody,
    response: { status: 200, schema: changeDocument },
    versioned: true,
    handle: async ({ actor, params, body, ifMatch }, deps) =>
      versioned(await changeChange(deps, actor, params.id, body, ifMatch)),
  }),
  operation({
    operationId: 'voteOnChange',
    method: 'POST',
    path: '/changes/{id}/approvals',
    tag,
    resource,
    summary: 'Approve or reject a change in authorize (409 with conflicts when a blackout blocks it)',
    role: 'change_manager',
    body: approvalBody,
    response: { status: 201, schema: changeDocument },
    versioned: true,
    handle: async ({ actor, params, body, ifMatch }, deps) => ({
      status: 201,
      ...versioned(await voteOnChange(deps, actor, params.id, body, ifMatch)),
    }),
  }),
  operation({
    operationId: 'listChangeConflicts',
    method: 'GET',
    path: '/changes/{id}/conflicts',
    tag,
    resource,
    summary: 'Overlapping changes on the same or related CIs, and blackout windows',
    role: 'agent',
    response: { status: 200, schema: conflictList },
    handle: async ({ params }, deps) => ({ body: await currentConflicts(deps, params.id) }),
  }),
  historyOperation<ChangeDeps>({
    operationId: 'listChangeHistory',
    path: '/changes/{id}/history',
    tag,
    resource,
    role: 'agent',
    list: (deps, _actor, id, page) => listChangeHistory(deps, id, page),
  }),
  operation({
    operationId: 'declareChangeWindow',
    method: 'POST',
    path: '/change-windows',
    tag,
    summary: 'Declare a blackout or maintenance window (no ciIds = all CIs)',
    role: 'change_manager',
    body: createChangeWindowBody,
    response: { status: 201, schema: changeWindowDocument },
    idempotent: true,
    handle: async ({ actor, body, idempotency }, deps) => {
      const outcome = await declareChangeWindow(deps, actor, body, idempotency);
      return { status: outcome.status, body: outcome.body };
    },
  }),
  operation({
    operationId: 'listChangeWindows',
    method: 'GET',
    path: '/change-windows',
    tag,
    summary: 'Change windows overlapping [from, to)',
    role: 'agent',
    query: listChangeWindowsQuery,
    response: { status: 200, schema: changeWindowPage },
    handle: async ({ query }, deps) => ({ body: await listChangeWindows(deps, query) }),
  }),
];
