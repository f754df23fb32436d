import { brotliCompressSync, constants } from 'node:zlib';
import { apiOperations } from '#functions/contracts/index.ts';
import type { FunctionSpec } from '#functions/manifest-types.ts';
import { type OpenApiDocument, openApiDocument } from '#schemas/openapi.ts';
import type { PackedOpenApiDocument } from '#schemas/openapi-packed.ts';

/** The constant a bundle that serves `/openapi.json` reads its packed document from (`functions/platform-api.ts`). */
export const openApiDocumentConstant = 'OPSDESK_OPENAPI_DOCUMENT';

/** The document as `unpackedOpenApiDocument` reads it: brotli (text mode, best quality), base64. */
export const packOpenApiDocument = (document: OpenApiDocument): PackedOpenApiDocument => {
  const json = Buffer.from(JSON.stringify(document));
  return brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  }).toString('base64');
};

let packedDocument: PackedOpenApiDocument | undefined;

/**
 * esbuild `define`s for one function's bundle. The function that serves the OpenAPI document gets
 * it built now, from the same contracts the API is deployed from, so its bundle carries the
 * document instead of the schemas and the JSON Schema converter that generate it.
 */
export const bundleDefines = (spec: Pick<FunctionSpec, 'operations'>): Record<string, string> => {
  if (!spec.operations?.some((operation) => operation.operationId === 'getOpenApiDocument')) return {};
  packedDocument ??= packOpenApiDocument(openApiDocument(apiOperations));
  return { [openApiDocumentConstant]: JSON.stringify(packedDocument) };
};

/**
 * esbuild `alias`es for every function's bundle: `node:stream/web` is
 * `shared/http/web-streams-on-demand.ts`, so a bundle loads web streams only if a response streams.
 * esbuild resolves an alias in its working directory: the project root, which local bundling runs
 * in and Docker bundling gets as its working directory (`lambda-function.ts`).
 */
export const bundleAliases: Readonly<Record<string, string>> = {
  'node:stream/web': './shared/http/web-streams-on-demand.ts',
};
