import { httpApi } from '#http/http-api.ts';
import { openApiDocument } from '#schemas/openapi.ts';

/**
 * Built on the first `/openapi.json` of a container and kept: it only changes with a deployment,
 * and health checks should not pay for generating it at cold start.
 */
let document: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpApi({
  'GET /health': {
    role: 'public',
    handle: async () => ({ status: 200, body: { status: 'ok', time: new Date().toISOString() } }),
  },
  'GET /openapi.json': {
    role: 'public',
    handle: async () => {
      document ??= openApiDocument();
      return { status: 200, body: document };
    },
  },
});
