import { processDependencies } from '#adapters/process-dependencies.ts';
import { httpApi } from '#http/http-api.ts';
import { idempotencyOf, ifMatchVersion } from '#http/preconditions.ts';
import { bodyOf, createdAt, pathId, queryOf } from '#http/route-input.ts';
import {
  changeProblem,
  getProblem,
  linkIncident,
  listProblemHistory,
  listProblems,
  problemCandidatesNow,
  recordProblem,
} from '#processes/problem-management.ts';
import { pageOnlyQuery } from '#schemas/common.ts';
import {
  createProblemBody,
  linkIncidentBody,
  listProblemsQuery,
  patchProblemBody,
} from '#schemas/problem.ts';

const deps = processDependencies();

export const handler = httpApi({
  'POST /problems': {
    role: 'agent',
    handle: async (request) => {
      const outcome = await recordProblem(
        deps,
        request.actor,
        bodyOf(request, createProblemBody),
        idempotencyOf(request),
      );
      return createdAt('/problems', outcome);
    },
  },
  'GET /problems': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await listProblems(deps, queryOf(request, listProblemsQuery)),
    }),
  },
  'GET /problems/candidates': {
    role: 'agent',
    handle: async () => ({ status: 200, body: { items: await problemCandidatesNow(deps) } }),
  },
  'GET /problems/{id}': {
    role: 'agent',
    handle: async (request) => {
      const problem = await getProblem(deps, pathId(request, 'problem'));
      return { status: 200, body: problem, version: problem.version };
    },
  },
  'PATCH /problems/{id}': {
    role: 'agent',
    handle: async (request) => {
      const id = pathId(request, 'problem');
      const patch = bodyOf(request, patchProblemBody);
      const problem = await changeProblem(deps, request.actor, id, patch, ifMatchVersion(request.headers));
      return { status: 200, body: problem, version: problem.version };
    },
  },
  'POST /problems/{id}/incidents': {
    role: 'agent',
    handle: async (request) => {
      const id = pathId(request, 'problem');
      const { incidentId } = bodyOf(request, linkIncidentBody);
      const problem = await linkIncident(
        deps,
        request.actor,
        id,
        incidentId,
        ifMatchVersion(request.headers),
      );
      return { status: 200, body: problem, version: problem.version };
    },
  },
  'GET /problems/{id}/history': {
    role: 'agent',
    handle: async (request) => ({
      status: 200,
      body: await listProblemHistory(deps, pathId(request, 'problem'), queryOf(request, pageOnlyQuery)),
    }),
  },
});
