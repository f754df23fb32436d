import { contract, documented } from '#http/operation.ts';
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
import { historyContract, historyDescription } from './record-history.ts';

const resource = 'change';

/** Change management over HTTP: what each operation takes: changes, approvals, conflicts, windows, calendar (README, Problem, change and service-request management). */
export const changeContracts = [
  contract({
    operationId: 'raiseChange',
    method: 'POST',
    path: '/changes',
    role: 'agent',
    body: createChangeBody,
    response: { status: 201 },
    idempotent: true,
  }),
  contract({
    operationId: 'listChanges',
    method: 'GET',
    path: '/changes',
    role: 'agent',
    query: listChangesQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getChange',
    method: 'GET',
    path: '/changes/{id}',
    resource,
    role: 'agent',
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'changeChange',
    method: 'PATCH',
    path: '/changes/{id}',
    resource,
    role: 'agent',
    body: patchChangeBody,
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'voteOnChange',
    method: 'POST',
    path: '/changes/{id}/approvals',
    resource,
    role: 'change_manager',
    body: approvalBody,
    response: { status: 201 },
    versioned: true,
  }),
  contract({
    operationId: 'listChangeConflicts',
    method: 'GET',
    path: '/changes/{id}/conflicts',
    resource,
    role: 'agent',
    response: { status: 200 },
  }),
  historyContract({
    operationId: 'listChangeHistory',
    path: '/changes/{id}/history',
    resource,
    role: 'agent',
  }),
  contract({
    operationId: 'declareChangeWindow',
    method: 'POST',
    path: '/change-windows',
    role: 'change_manager',
    body: createChangeWindowBody,
    response: { status: 201 },
    idempotent: true,
  }),
  contract({
    operationId: 'listChangeWindows',
    method: 'GET',
    path: '/change-windows',
    role: 'agent',
    query: listChangeWindowsQuery,
    response: { status: 200 },
  }),
] as const;

/** How the OpenAPI document describes them (never part of a bundle that only serves them). */
export const changeDocumentation = /* @__PURE__ */ documented('Changes', changeContracts, {
  raiseChange: { summary: 'Raise a change (risk and riskReasons are computed)', schema: changeDocument },
  listChanges: {
    summary: 'List changes; with from/to the change calendar by planned start',
    schema: changePage,
  },
  getChange: { summary: 'Read a change', schema: changeDocument },
  changeChange: {
    summary: 'Change a change: move it along its path, replan it, record its review',
    schema: changeDocument,
  },
  voteOnChange: {
    summary: 'Approve or reject a change in authorize (409 with conflicts when a blackout blocks it)',
    schema: changeDocument,
  },
  listChangeConflicts: {
    summary: 'Overlapping changes on the same or related CIs, and blackout windows',
    schema: conflictList,
  },
  listChangeHistory: historyDescription,
  declareChangeWindow: {
    summary: 'Declare a blackout or maintenance window (no ciIds = all CIs)',
    schema: changeWindowDocument,
  },
  listChangeWindows: { summary: 'Change windows overlapping [from, to)', schema: changeWindowPage },
});
