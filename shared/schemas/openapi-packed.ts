import type { OpenApiDocument } from './openapi.ts';

/**
 * The OpenAPI document carried inside a bundle: built once when the function is bundled
 * (`infra/constructs/bundle-options.ts` packs it), brotli compressed and base64 encoded: about
 * 10 KB, where the JSON is about 130 KB and the schemas and JSON Schema converter that build it
 * are about 60 KB of code.
 */
export type PackedOpenApiDocument = string;

/** What the document operation serves: the document, its `servers` entry naming `serverUrl`. */
export type OpenApiDocumentSource = (serverUrl: string) => Promise<OpenApiDocument>;

/**
 * In the function: the packed document, unpacked on the first request (node:zlib is loaded then,
 * not at cold start), with `servers` naming where the caller reached the API.
 */
export const unpackedOpenApiDocument = (packed: PackedOpenApiDocument): OpenApiDocumentSource => {
  let unpacked: Promise<OpenApiDocument> | undefined;
  const unpack = async () => {
    const { brotliDecompressSync } = await import('node:zlib');
    return JSON.parse(
      brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8'),
    ) as OpenApiDocument;
  };
  return async (serverUrl) => {
    unpacked ??= unpack();
    const document = await unpacked;
    return { ...document, servers: document.servers.map((server) => ({ ...server, url: serverUrl })) };
  };
};
