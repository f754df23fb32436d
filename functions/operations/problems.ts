import { createdAt, servedBy, versioned } from '#http/operation.ts';
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
import { problemContracts } from '../contracts/problems.ts';
import { historyHandler } from './record-history.ts';

/** Problem management over HTTP (README, Problem, change and service-request management). */
export const problemOperations = servedBy<ProblemDeps>()(problemContracts, {
  recordProblem: async ({ actor, body, idempotency }, deps) =>
    createdAt('/problems', await recordProblem(deps, actor, body, idempotency)),
  listProblems: async ({ query }, deps) => ({ body: await listProblems(deps, query) }),
  listProblemCandidates: async (_input, deps) => ({ body: { items: await problemCandidatesNow(deps) } }),
  getProblem: async ({ params }, deps) => versioned(await getProblem(deps, params.id)),
  changeProblem: async ({ actor, params, body, ifMatch }, deps) =>
    versioned(await changeProblem(deps, actor, params.id, body, ifMatch)),
  linkIncidentToProblem: async ({ actor, params, body, ifMatch }, deps) =>
    versioned(await linkIncident(deps, actor, params.id, body.incidentId, ifMatch)),
  listProblemHistory: historyHandler<ProblemDeps>((deps, _actor, id, page) =>
    listProblemHistory(deps, id, page),
  ),
});
