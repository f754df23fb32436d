import { describe, expect, it } from 'vitest';
import { apiOperations } from '#functions/contracts/index.ts';
import { manifest } from '#functions/manifest.ts';
import {
  bundleDefines,
  openApiDocumentConstant,
  packOpenApiDocument,
} from '#infra/constructs/bundle-options.ts';
import { openApiDocument } from '#schemas/openapi.ts';
import { unpackedOpenApiDocument } from '#schemas/openapi-packed.ts';

type OperationObject = {
  operationId: string;
  tags: string[];
  security?: unknown[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: { $ref?: string } }> }>;
};
const document = openApiDocument(apiOperations, 'https://api.example.test');
const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({ path, method, ...(operation as OperationObject) })),
);

describe('OpenAPI document', () => {
  it('has one operation per declared operation, each with a unique operationId and a tag', () => {
    // Assess
    expect(operations.length).toBe(apiOperations.length);
    expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(operations.length);
    const tags = new Set(document.tags.map((tag) => tag.name));
    for (const operation of operations) expect(tags.has(operation.tags[0] ?? '')).toBe(true);
  });

  it('names the server it was asked on and the bearer scheme', () => {
    expect(document.servers).toEqual([{ url: 'https://api.example.test', description: 'This deployment' }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('marks exactly the public routes as needing no token', () => {
    const publicPaths = operations.flatMap((operation) =>
      operation.security?.length === 0 ? [`${operation.method} ${operation.path}`] : [],
    );
    expect(publicPaths.sort()).toEqual(['get /health', 'get /openapi.json']);
  });

  it('refers to named component schemas for bodies and responses, generated from the validating schemas', () => {
    const create = operations.find((operation) => operation.operationId === 'logIncident');
    expect(create?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/CreateIncidentBody',
    });
    expect(create?.responses['201']?.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/Incident',
    });
    const body = document.components.schemas.CreateIncidentBody as {
      required?: string[];
      additionalProperties?: boolean;
    };
    expect(body.required).toEqual(['title', 'impact', 'urgency']);
    expect(body.additionalProperties).toBe(false);
    expect(JSON.stringify(document.components.schemas.IncidentPage)).toContain(
      '#/components/schemas/Incident"',
    );
  });

  it('documents problem+json errors on every protected operation, 422 wherever a body is validated', () => {
    for (const operation of operations.filter((candidate) => candidate.security === undefined)) {
      expect(operation.responses['401'], operation.operationId).toEqual({
        $ref: '#/components/responses/Unauthorized',
      });
      if (operation.requestBody)
        expect(operation.responses['422'], operation.operationId).toEqual({
          $ref: '#/components/responses/UnprocessableContent',
        });
    }
    expect(document.components.responses.NotFound?.content['application/problem+json']?.schema).toEqual({
      $ref: '#/components/schemas/Problem',
    });
  });
});

describe('OpenAPI document packed into a bundle', () => {
  const packed = packOpenApiDocument(openApiDocument(apiOperations));

  it('unpacks to the document generated from the contracts, naming the server it was asked on', async () => {
    // Act
    const served = await unpackedOpenApiDocument(packed)('https://api.example.test');

    // Assess: byte for byte, key order included
    expect(JSON.stringify(served)).toBe(JSON.stringify(document));
  });

  it('is a fraction of the JSON it carries', () => {
    const json = JSON.stringify(document).length;
    expect(packed.length).toBeLessThan(json / 6);
  });

  it('is defined only for the function that serves /openapi.json', () => {
    const servers = manifest.filter((spec) => Object.keys(bundleDefines(spec)).length > 0);
    expect(servers.map((spec) => spec.name)).toEqual(['platform-api']);
    expect(Object.keys(bundleDefines(servers[0] ?? {}))).toEqual([openApiDocumentConstant]);
    expect(JSON.parse(bundleDefines(servers[0] ?? {})[openApiDocumentConstant] ?? '""')).toBe(packed);
  });
});
