import { readinessWiring } from '#adapters/aws-readiness.ts';
import { httpApi } from '#http/http-api.ts';
import { type OpenApiDocumentSource, unpackedOpenApiDocument } from '#schemas/openapi-packed.ts';
import { platformOperations } from './operations/platform.ts';

/**
 * The OpenAPI document packed when the function is bundled (`infra/constructs/bundle-options.ts`);
 * undefined when this module runs from source (the local runner, tests).
 */
declare const OPSDESK_OPENAPI_DOCUMENT: string | undefined;

/** From source: the document generated from the contracts, as the bundler does. */
const generatedDocument: OpenApiDocumentSource = async (serverUrl) => {
  const [{ openApiDocument }, { apiOperations }] = await Promise.all([
    import('#schemas/openapi.ts'),
    import('./contracts/index.ts'),
  ]);
  return openApiDocument(apiOperations, serverUrl);
};

export const handler = httpApi(platformOperations, {
  // The bundler drops the branch not taken, and with it the schemas and converter of the other.
  apiDocument:
    typeof OPSDESK_OPENAPI_DOCUMENT === 'string'
      ? unpackedOpenApiDocument(OPSDESK_OPENAPI_DOCUMENT)
      : generatedDocument,
  readiness: readinessWiring(),
});
