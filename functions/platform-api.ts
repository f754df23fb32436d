import { httpApi } from '#http/http-api.ts';
import { openApiDocument } from '#schemas/openapi.ts';

/** Built once per container: the document only changes with a deployment. */
const document = openApiDocument();

export const handler = httpApi({
  'GET /health': {
    role: 'public',
    handle: async () => ({ status: 200, body: { status: 'ok', time: new Date().toISOString() } }),
  },
  'GET /openapi.json': { role: 'public', handle: async () => ({ status: 200, body: document }) },
});
