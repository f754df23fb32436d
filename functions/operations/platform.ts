import * as z from 'zod/mini';
import { type OperationContract, operationsOver } from '#http/operation.ts';
import { type OpenApiDocument, openApiDocument } from '#schemas/openapi.ts';

/** What the platform operations need: the catalog they describe. */
export interface PlatformDependencies {
  catalog: readonly OperationContract[];
}

const operation = operationsOver<PlatformDependencies>();
const tag = 'Platform';

const health = z.object({ status: z.literal('ok'), time: z.string() });

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
    summary: 'Liveness',
    role: 'public',
    response: { status: 200, schema: health },
    handle: async () => ({ body: { status: 'ok', time: new Date().toISOString() } }),
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
