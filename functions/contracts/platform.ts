import * as z from 'zod/mini';
import { contract, documented } from '#http/operation.ts';

const dependencyState = z.enum(['ok', 'unavailable']);
const health = z.object({
  status: z.literal('ok'),
  time: z.string(),
  /** With `?deep=true` only: each dependency's answer. */
  checks: z.optional(z.object({ store: dependencyState, bus: dependencyState })),
});
const healthQuery = z.object({
  /** `true`: readiness, i.e. the record store and the event bus answer too (README, "Faults"). */
  deep: z.optional(z.enum(['true', 'false'])),
});

/** The two public operations (README, Calling the API): what each takes. */
export const platformContracts = [
  contract({
    operationId: 'checkHealth',
    method: 'GET',
    path: '/health',
    role: 'public',
    query: healthQuery,
    response: { status: 200 },
  }),
  contract({
    operationId: 'getOpenApiDocument',
    method: 'GET',
    path: '/openapi.json',
    role: 'public',
    response: { status: 200 },
  }),
] as const;

/** How the OpenAPI document describes them. */
export const platformDocumentation = /* @__PURE__ */ documented('Platform', platformContracts, {
  checkHealth: {
    summary: 'Liveness; with deep=true, readiness (the record store and the event bus answer)',
    schema: health,
  },
  getOpenApiDocument: {
    summary: 'This document: OpenAPI 3.1, generated from the schemas that validate requests',
    schema: z.looseObject({ openapi: z.string() }),
  },
});
