import { createdAt, operationsOver, versioned } from '#http/operation.ts';
import type { ProblemDeps } from '#processes/dependencies.ts';
import {
  changeProblem,
  getProblem,
  linkIncident,
  listProblemHistory,
  listProblems,
  problemCandidatesNow,
  recordProblem,
} from '#processes/problem-management.ts';
import {
  createProblemBody,
  linkIncidentBody,
  listProblemsQuery,
  patchProblemBody,
  problemCandidateList,
  problemPage,
  problemRecordDocument,
} from '#schemas/problem.ts';
import { historyOperation } from './record-history.ts';

const operation = operationsOver<ProblemDeps>();
const tag = 'Problems';
const resource = 'problem';

/** Problem management over HTTP (README, Problem, change and service-request management). */
export const problemOperations = [
  operation({
    operationId: 'recordProblem',
    method: 'POST',
    path: '/problems',
    tag,
    summary: 'Record a problem, optionally linking incidents',
    role: 'agent',
    body: createProblemBody,
    response: { status: 201, schema: problemRecordDocument },
    idempotent: true,
    handle: async ({ actor, body, idempotency }, deps) =>
      createdAt('/problems', await recordProblem(deps, actor, body, idempotency)),
  }),
  operation({
    operationId: 'listProblems',
    method: 'GET',
    path: '/problems',
    tag,
    summary: 'List problems (knownError=true is the known-error database)',
    role: 'agent',
    query: listProblemsQuery,
    response: { status: 200, schema: problemPage },
    handle: async ({ query }, deps) => ({ body: await listProblems(deps, query) }),
  }),
  operation({
    operationId: 'listProblemCandidates',
    method: 'GET',
    path: '/problems/candidates',
    tag,
    summary: 'Groups of 3+ incidents on one CI within 7 days that no problem links yet',
    role: 'agent',
    response: { status: 200, schema: problemCandidateList },
    handle: async (_input, deps) => ({ body: { items: await problemCandidatesNow(deps) } }),
  }),
  operation({
    operationId: 'getProblem',
    method: 'GET',
    path: '/problems/{id}',
    tag,
    resource,
    summary: 'Read a problem',
    role: 'agent',
    response: { status: 200, schema: problemRecordDocument },
    versioned: true,
    handle: async ({ params }, deps) => versioned(await getProblem(deps, params.id)),
  }),
  operation({
    operationId: 'changeProblem',
    method: 'PATCH',
    path: '/problems/{id}',
    tag,
    resource,
    summary: 'Change a problem (resolving it resolves the incidents waiting on it)',
    role: 'agent',
    body: patchProblemBody,
    response: { status: 200, schema: problemRecordDocument },
    versioned: true,
    handle: async ({ actor, params, body, ifMatch }, deps) =>
      versioned(await changeProblem(deps, actor, params.id, body, ifMatch)),
  }),
  operation({
    operationId: 'linkIncidentToProblem',
    method: 'POST',
    path: '/problems/{id}/incidents',
    tag,
    resource,
    summary: 'Link an incident (the incident gets problemId)',
    role: 'agent',
    body: linkIncidentBody,
    response: { status: 200, schema: problemRecordDocument },
    versioned: true,
    handle: async ({ actor, params, body, ifMatch }, deps) =>
      versioned(await linkIncident(deps, actor, params.id, body.incidentId, ifMatch)),
  }),
  historyOperation<ProblemDeps>({
    operationId: 'listProblemHistory',
    path: '/problems/{id}/history',
    tag,
    resource,
    role: 'agent',
    list: (deps, _actor, id, page) => listProblemHistory(deps, id, page),
  }),
];
