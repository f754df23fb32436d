export { applyProblemChange } from './apply-problem-change.ts';
export { incidentsToResolveWithProblem, type WaitingIncident } from './incidents-to-resolve.ts';
export { linkIncidentToProblem } from './link-incident.ts';
export { openProblem } from './open-problem.ts';
export * from './problem.ts';
export * from './problem-candidates.ts';
export { problemRules } from './problem-rules.ts';
export { resolvedByProblemCode, resolveWithProblem } from './resolve-with-problem.ts';
export { isAllowedProblemMove } from './rules/problem-path.ts';
