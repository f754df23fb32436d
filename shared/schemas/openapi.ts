import * as z from 'zod/mini';
import { type ApiOperation, apiCatalog } from './api-catalog.ts';
import { problemDocument } from './common.ts';

const jsonSchema = (schema: z.ZodMiniType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const parametersOf = (operation: ApiOperation) => {
  const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = operation.query
    ? (jsonSchema(operation.query) as { properties?: Record<string, unknown> })
    : {};
  const queryParameters = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));
  const headers = [
    ...(operation.versioned && operation.method !== 'GET'
      ? [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }]
      : []),
    ...(operation.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', maxLength: 255 },
          },
        ]
      : []),
  ];
  return [...pathParameters, ...queryParameters, ...headers];
};

const operationObject = (operation: ApiOperation) => ({
  summary: operation.summary,
  description: operation.role === 'public' ? 'Public.' : `Needs the ${operation.role} role or higher.`,
  ...(operation.role === 'public' ? { security: [] } : {}),
  parameters: parametersOf(operation),
  ...(operation.body
    ? {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(operation.body) } },
        },
      }
    : {}),
  responses: {
    [operation.response.status]: {
      description: 'Success',
      content: { 'application/json': { schema: jsonSchema(operation.response.schema) } },
    },
    ...(operation.role === 'public'
      ? {}
      : {
          400: problemResponse('Malformed request'),
          401: problemResponse('No or invalid token'),
          403: problemResponse('Role not allowed'),
          404: problemResponse('Unknown id'),
        }),
    ...(operation.body
      ? {
          409: problemResponse('State conflict'),
          413: problemResponse('Body too large'),
          415: problemResponse('Not JSON'),
          422: problemResponse('Invalid fields'),
        }
      : {}),
    ...(operation.versioned && operation.method !== 'GET' ? { 412: problemResponse('Stale If-Match') } : {}),
  },
});

/**
 * The OpenAPI 3.1 document, generated from the schemas that validate the requests.
 * @example openApiDocument().paths['/incidents'].post.requestBody
 */
export const openApiDocument = (operations: ApiOperation[] = apiCatalog) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: operationObject(operation),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'OpsDesk API', version: '1.0.0', description: 'ITSM and ITOM for teams on AWS.' },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: jsonSchema(problemDocument) },
    },
    paths,
  };
};
