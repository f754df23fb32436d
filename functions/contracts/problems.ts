import { contract, documented } from '#http/operation.ts';
import {
  createProblemBody,
  linkIncidentBody,
  listProblemsQuery,
  patchProblemBody,
  problemCandidateList,
  problemPage,
  problemRecordDocument,
} from '#schemas/problem.ts';
import { historyContract, historyDescription } from './record-history.ts';

const resource = 'problem';

/** Problem management over HTTP: what each operation takes (README, Problem, change and service-request management). */
export const problemContracts = [
  contract({
    operationId: 'recordProblem',
    method: 'POST',
    path: '/problems',
    role: 'agent',
    body: createProblemBody,
    response: { status: 201 },
    idempotent: true,
  }),
  contract({
    operationId: 'listProblems',
    method: 'GET',
    path: '/problems',
    role: 'agent',
    query: listProblemsQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'listProblemCandidates',
    method: 'GET',
    path: '/problems/candidates',
    role: 'agent',
    response: { status: 200 },
  }),
  contract({
    operationId: 'getProblem',
    method: 'GET',
    path: '/problems/{id}',
    resource,
    role: 'agent',
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'changeProblem',
    method: 'PATCH',
    path: '/problems/{id}',
    resource,
    role: 'agent',
    body: patchProblemBody,
    response: { status: 200 },
    versioned: true,
  }),
  contract({
    operationId: 'linkIncidentToProblem',
    method: 'POST',
    path: '/problems/{id}/incidents',
    resource,
    role: 'agent',
    body: linkIncidentBody,
    response: { status: 200 },
    versioned: true,
  }),
  historyContract({
    operationId: 'listProblemHistory',
    path: '/problems/{id}/history',
    resource,
    role: 'agent',
  }),
] as const;

/** How the OpenAPI document describes them (never part of a bundle that only serves them). */
export const problemDocumentation = /* @__PURE__ */ documented('Problems', problemContracts, {
  recordProblem: { summary: 'Record a problem, optionally linking incidents', schema: problemRecordDocument },
  listProblems: {
    summary: 'List problems (knownError=true is the known-error database)',
    schema: problemPage,
  },
  listProblemCandidates: {
    summary: 'Groups of 3+ incidents on one CI within 7 days that no problem links yet',
    schema: problemCandidateList,
  },
  getProblem: { summary: 'Read a problem', schema: problemRecordDocument },
  changeProblem: {
    summary: 'Change a problem (resolving it resolves the incidents waiting on it)',
    schema: problemRecordDocument,
  },
  linkIncidentToProblem: {
    summary: 'Link an incident (the incident gets problemId)',
    schema: problemRecordDocument,
  },
  listProblemHistory: historyDescription,
});
