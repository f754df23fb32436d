import * as z from 'zod/mini';
import { DomainError } from '#domain/errors.ts';
import { type OperationContract, operationsOver } from '#http/operation.ts';
import type { ReadinessProbe } from '#ports/readiness.ts';
import { type OpenApiDocument, openApiDocument } from '#schemas/openapi.ts';

/** What the platform operations need: the catalog they describe, and the readiness probe. */
export interface PlatformDependencies {
  catalog: readonly OperationContract[];
  readiness: ReadinessProbe;
}

const operation = operationsOver<PlatformDependencies>();
const tag = 'Platform';

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

/** Readiness: both probes at once, each bounded like a request; 503 naming what is down. */
const checkReadiness = async (readiness: ReadinessProbe) => {
  const [store, bus] = await Promise.all([readiness.store(), readiness.bus()]);
  const checks = { store, bus };
  const down = Object.entries(checks).flatMap(([name, state]) => (state === 'ok' ? [] : [name]));
  if (down.length > 0)
    throw new DomainError('unavailable', `Not ready: ${down.join(' and ')} not answering`, {
      extensions: { checks },
    });
  return checks;
};

/**
 * Built on the first `/openapi.json` of a container and kept: it only changes with a deployment,
 * and health checks should not pay for generating it at cold start.
 */
const documents = new Map<string, OpenApiDocument>();

/** Where the caller reached the API: the document's `servers` entry, for client generators. */
const serverUrl = (headers: Record<string, string>) => {
  const host = headers.host;
  if (!host || !/^[A-Za-z0-9.:[\]-]{1,255}$/.test(host)) return '/';
  // API Gateway (and the local runner, like it) says how the client connected.
  return `${headers['x-forwarded-proto'] === 'http' ? 'http' : 'https'}://${host}`;
};

/** The two public operations (README, Calling the API). */
export const platformOperations = [
  operation({
    operationId: 'checkHealth',
    method: 'GET',
    path: '/health',
    tag,
    summary: 'Liveness; with deep=true, readiness (the record store and the event bus answer)',
    role: 'public',
    query: healthQuery,
    response: { status: 200, schema: health },
    handle: async ({ query }, deps) => ({
      body: {
        status: 'ok',
        time: new Date().toISOString(),
        ...(query.deep === 'true' ? { checks: await checkReadiness(deps.readiness) } : {}),
      },
    }),
  }),
  operation({
    operationId: 'getOpenApiDocument',
    method: 'GET',
    path: '/openapi.json',
    tag,
    summary: 'This document: OpenAPI 3.1, generated from the schemas that validate requests',
    role: 'public',
    response: { status: 200, schema: z.looseObject({ openapi: z.string() }) },
    handle: async ({ headers }, deps) => {
      const server = serverUrl(headers);
      const document = documents.get(server) ?? openApiDocument(deps.catalog, server);
      if (documents.size < 8) documents.set(server, document);
      return { body: document };
    },
  }),
];
