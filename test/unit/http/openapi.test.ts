import { describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest.ts';
import { apiCatalog } from '#schemas/api-catalog.ts';
import { openApiDocument } from '#schemas/openapi.ts';

describe('OpenAPI document', () => {
  it('documents exactly the routes the manifest declares', () => {
    const routes = manifest
      .flatMap((spec) => (spec.routes ?? []).map((route) => `${route.method} ${route.path}`))
      .sort();
    const documented = apiCatalog.map((operation) => `${operation.method} ${operation.path}`).sort();
    expect(documented).toEqual(routes);
  });

  it('marks exactly the public routes as needing no token', () => {
    const document = openApiDocument();
    const publicPaths = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        (operation as { security?: unknown[] }).security?.length === 0 ? [`${method} ${path}`] : [],
      ),
    );
    expect(publicPaths.sort()).toEqual(['get /health', 'get /openapi.json']);
  });

  it('generates request bodies from the validating schemas', () => {
    const document = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: Record<string, { schema: { required?: string[]; additionalProperties?: boolean } }>;
            };
          }
        >
      >;
    };
    const schema = document.paths['/incidents']?.post?.requestBody?.content['application/json']?.schema;
    expect(schema?.required).toEqual(['title', 'impact', 'urgency']);
    expect(schema?.additionalProperties).toBe(false);
  });
});
