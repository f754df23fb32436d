import { DomainError } from '#domain/errors.ts';
import { servedBy } from '#http/operation.ts';
import type { ReadinessProbe } from '#ports/readiness.ts';
import type { OpenApiDocument } from '#schemas/openapi.ts';
import type { OpenApiDocumentSource } from '#schemas/openapi-packed.ts';
import { platformContracts } from '../contracts/platform.ts';

/** What the platform operations need: the API's document, and the readiness probe. */
export interface PlatformDependencies {
  apiDocument: OpenApiDocumentSource;
  readiness: ReadinessProbe;
}

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
 * Made on the first `/openapi.json` of a container and kept: it only changes with a deployment,
 * and health checks should not pay for it at cold start.
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
export const platformOperations = servedBy<PlatformDependencies>()(platformContracts, {
  checkHealth: async ({ query }, deps) => ({
    body: {
      status: 'ok',
      time: new Date().toISOString(),
      ...(query.deep === 'true' ? { checks: await checkReadiness(deps.readiness) } : {}),
    },
  }),
  getOpenApiDocument: async ({ headers }, deps) => {
    const server = serverUrl(headers);
    const document = documents.get(server) ?? (await deps.apiDocument(server));
    if (documents.size < 8) documents.set(server, document);
    return { body: document };
  },
});
