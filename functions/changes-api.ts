import { processDependencies } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { idempotencyOf, ifMatchVersion } from '#http/preconditions.ts';
import { bodyOf, createdAt, pathId, queryOf } from '#http/route-input.ts';
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
import {
  approvalBody,
  createChangeBody,
  createChangeWindowBody,
  listChangesQuery,
  listChangeWindowsQuery,
  patchChangeBody,
} from '#schemas/change.ts';
import { pageOnlyQuery } from '#schemas/common.ts';

const deps = processDependencies();

export const handler = httpApi({
  'POST /changes': {
    role: 'agent',
    handle: async (request) => {
      const body = bodyOf(request, createChangeBody);
      const outcome = await raiseChange(deps, request.actor, body, idempotencyOf(request));
      return createdAt('/changes', outcome);
    },
  },
  'GET /changes': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await listChanges(deps, queryOf(request, listChangesQuery)),
    }),
  },
  'GET /changes/{id}': {
    role: 'agent',
    handle: async (request) => {
      const change = await getChange(deps, pathId(request, 'change'));
      return { status: 200, body: change, version: change.version };
    },
  },
  'PATCH /changes/{id}': {
    role: 'agent',
    handle: async (request) => {
      const id = pathId(request, 'change');
      const patch = bodyOf(request, patchChangeBody);
      const change = await changeChange(deps, request.actor, id, patch, ifMatchVersion(request.headers));
      return { status: 200, body: change, version: change.version };
    },
  },
  'POST /changes/{id}/approvals': {
    role: 'change_manager',
    handle: async (request) => {
      const id = pathId(request, 'change');
      const vote = bodyOf(request, approvalBody);
      const change = await voteOnChange(deps, request.actor, id, vote, ifMatchVersion(request.headers));
      return { status: 201, body: change, version: change.version };
    },
  },
  'GET /changes/{id}/conflicts': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await currentConflicts(deps, pathId(request, 'change')),
    }),
  },
  'GET /changes/{id}/history': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await listChangeHistory(deps, pathId(request, 'change'), queryOf(request, pageOnlyQuery)),
    }),
  },
  'POST /change-windows': {
    role: 'change_manager',
    handle: async (request) => {
      const body = bodyOf(request, createChangeWindowBody);
      const outcome = await declareChangeWindow(deps, request.actor, body, idempotencyOf(request));
      return { status: outcome.status, body: outcome.body };
    },
  },
  'GET /change-windows': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await listChangeWindows(deps, queryOf(request, listChangeWindowsQuery)),
    }),
  },
});
