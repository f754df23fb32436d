import { historyPage, pageOnlyQuery } from '../common.ts';
import {
  createProblemBody,
  linkIncidentBody,
  listProblemsQuery,
  patchProblemBody,
  problemCandidateList,
  problemPage,
  problemRecordDocument,
} from '../problem.ts';
import type { ApiOperation } from './api-operation.ts';

export const problemOperations: ApiOperation[] = [
  {
    method: 'POST',
    path: '/problems',
    summary: 'Record a problem, optionally linking incidents',
    role: 'agent',
    body: createProblemBody,
    response: { status: 201, schema: problemRecordDocument },
    idempotent: true,
  },
  {
    method: 'GET',
    path: '/problems',
    summary: 'List problems (knownError=true is the known-error database)',
    role: 'agent',
    query: listProblemsQuery,
    response: { status: 200, schema: problemPage },
  },
  {
    method: 'GET',
    path: '/problems/candidates',
    summary: 'Groups of 3+ incidents on one CI within 7 days that no problem links yet',
    role: 'agent',
    response: { status: 200, schema: problemCandidateList },
  },
  {
    method: 'GET',
    path: '/problems/{id}',
    summary: 'Read a problem',
    role: 'agent',
    response: { status: 200, schema: problemRecordDocument },
    versioned: true,
  },
  {
    method: 'PATCH',
    path: '/problems/{id}',
    summary: 'Change a problem (resolving it resolves the incidents waiting on it)',
    role: 'agent',
    body: patchProblemBody,
    response: { status: 200, schema: problemRecordDocument },
    versioned: true,
  },
  {
    method: 'POST',
    path: '/problems/{id}/incidents',
    summary: 'Link an incident (the incident gets problemId)',
    role: 'agent',
    body: linkIncidentBody,
    response: { status: 200, schema: problemRecordDocument },
    versioned: true,
  },
  {
    method: 'GET',
    path: '/problems/{id}/history',
    summary: 'Every change: who, when, field, from, to',
    role: 'agent',
    query: pageOnlyQuery,
    response: { status: 200, schema: historyPage },
  },
];
