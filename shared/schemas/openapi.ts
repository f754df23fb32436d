import * as z from 'zod/mini';
import type { DocumentedOperation } from '#http/operation.ts';
import * as change from './change.ts';
import * as cmdb from './cmdb.ts';
import * as common from './common.ts';
import * as incident from './incident.ts';
import * as problem from './problem.ts';
import * as request from './request.ts';
import * as serviceLevels from './service-levels.ts';

type Schema = z.ZodMiniType;
type JsonSchema = Record<string, unknown>;

/**
 * Component names come from the schemas' export names, so nothing names a schema twice:
 * `incidentDocument` is `Incident`, `createIncidentBody` is `CreateIncidentBody`.
 */
const componentNames = (): Map<Schema, string> => {
  const names = new Map<Schema, string>();
  for (const module of [common, incident, problem, change, request, serviceLevels, cmdb])
    for (const [exported, value] of Object.entries(module))
      if (value instanceof z.ZodMiniType && !names.has(value))
        names.set(value, `${exported[0]?.toUpperCase()}${exported.slice(1)}`.replace(/Document$/, ''));
  return names;
};

const withoutDialect = ({ $schema: _dialect, $id: _id, ...rest }: JsonSchema) => rest;

const inline = (schema: Schema, io: 'input' | 'output') =>
  withoutDialect(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema);

/** Named schemas as components (each referring to the others by `$ref`), in one direction. */
const components = (schemas: Map<Schema, string>, io: 'input' | 'output') => {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of schemas) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, {
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(converted).map(([id, schema]) => [id, withoutDialect(schema)]));
};

const schemaRef = (schema: Schema, named: Map<Schema, string>, io: 'input' | 'output') => {
  const name = named.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : inline(schema, io);
};

const errorResponses = {
  BadRequest: 'Malformed JSON, query, If-Match or Idempotency-Key',
  Unauthorized: 'No token, or a token this API does not accept',
  Forbidden: 'The role may not do this',
  NotFound: 'No record with that id',
  Conflict: 'State conflict: invalid transition, scheduling conflict, reused Idempotency-Key',
  PreconditionFailed: 'If-Match names a version that is no longer current',
  ContentTooLarge: 'The body is larger than 64 KiB',
  UnsupportedMediaType: 'The body is not application/json',
  UnprocessableContent: 'Well-formed but invalid: `errors` lists every failing field',
  ServiceUnavailable:
    'The record store or the event bus is not answering; nothing is known to be written. Retry after `Retry-After` seconds',
} as const;

const errorRef = (name: keyof typeof errorResponses | 'TooManyRequests') => ({
  $ref: `#/components/responses/${name}`,
});

/** API Gateway's own answer when the stage's throttle is exceeded: not problem+json, its body. */
const tooManyRequests = {
  description: 'The API stage throttle is exceeded (answered by API Gateway); retry with backoff',
  content: {
    'application/json': {
      schema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
    },
  },
};

const problemResponses = (operation: DocumentedOperation) => {
  // Every operation that reads or writes the store or the bus may find it down; the document
  // itself needs neither.
  const dependencies = operation.path === '/openapi.json' ? {} : { 503: errorRef('ServiceUnavailable') };
  if (operation.role === 'public')
    return {
      429: errorRef('TooManyRequests'),
      ...(operation.query ? { 400: errorRef('BadRequest') } : {}),
      ...dependencies,
    };
  const changes = operation.method !== 'GET';
  return {
    429: errorRef('TooManyRequests'),
    ...dependencies,
    400: errorRef('BadRequest'),
    401: errorRef('Unauthorized'),
    403: errorRef('Forbidden'),
    ...(operation.path.includes('{') ? { 404: errorRef('NotFound') } : {}),
    ...(changes ? { 409: errorRef('Conflict') } : {}),
    ...(operation.versioned && changes ? { 412: errorRef('PreconditionFailed') } : {}),
    ...(operation.body
      ? {
          413: errorRef('ContentTooLarge'),
          415: errorRef('UnsupportedMediaType'),
          422: errorRef('UnprocessableContent'),
        }
      : {}),
  };
};

const parametersOf = (operation: DocumentedOperation) => {
  const pathParameters = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    description: `The ${operation.resource ?? 'record'}'s id`,
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,128}$' },
  }));
  const query = operation.query ? (inline(operation.query, 'input') as { properties?: JsonSchema }) : {};
  const queryParameters = Object.entries(query.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));
  const headers = [
    ...(operation.versioned && operation.method !== 'GET'
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description: 'Apply only at this version (the ETag of the last read), else 412',
            schema: { type: 'string', example: '"3"' },
          },
        ]
      : []),
    ...(operation.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Repeat with the same body to get the first response; another body is 409',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ]
      : []),
  ];
  return [...pathParameters, ...queryParameters, ...headers];
};

const successHeaders = (operation: DocumentedOperation) => ({
  ...(operation.versioned
    ? { ETag: { description: 'The version, for If-Match', schema: { type: 'string' } } }
    : {}),
  ...(operation.idempotent
    ? { Location: { description: 'Where the created record lives', schema: { type: 'string' } } }
    : {}),
});

const operationObject = (operation: DocumentedOperation, named: Named) => {
  const headers = successHeaders(operation);
  const success = {
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: {
      'application/json': { schema: schemaRef(operation.response.schema, named.output, 'output') },
    },
  };
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    description: operation.role === 'public' ? 'Public.' : `Needs the ${operation.role} role or higher.`,
    ...(operation.role === 'public' ? { security: [] } : {}),
    parameters: parametersOf(operation),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaRef(operation.body, named.input, 'input') } },
          },
        }
      : {}),
    responses: {
      ...(operation.upsert ? { 201: { description: 'Created', ...success } } : {}),
      [operation.response.status]: { description: operation.upsert ? 'Replaced' : 'Success', ...success },
      ...problemResponses(operation),
    },
  };
};

interface Named {
  input: Map<Schema, string>;
  output: Map<Schema, string>;
}

/** Which named schemas the operations use, as bodies (input) and as responses (output). */
const namedSchemas = (operations: readonly DocumentedOperation[]): Named => {
  const names = componentNames();
  const pick = (schemas: Array<Schema | undefined>) =>
    new Map(
      schemas.flatMap((schema) => {
        const name = schema && names.get(schema);
        return name && schema ? [[schema, name] as const] : [];
      }),
    );
  return {
    input: pick(operations.map((operation) => operation.body)),
    output: pick([common.problemDocument, ...operations.map((operation) => operation.response.schema)]),
  };
};

const tagDescriptions: Record<string, string> = {
  Platform: 'Health and this document; public.',
  Incidents: 'Incident management: log, triage, resolve; comments, work notes and history.',
  Problems: 'Problem management: root cause, known errors, incident links, candidates.',
  Changes: 'Change enablement: risk, approvals, conflicts, blackout windows, the calendar.',
  Requests: 'Service request fulfilment.',
  'Service levels': 'Business calendars, SLA policies and attainment reports.',
  CMDB: 'Configuration items, relationships, impact and dependencies.',
  Operations: 'IT operations: CloudWatch metric bindings, points, capacity, availability, performance.',
};

/**
 * The OpenAPI 3.1 document, generated from the operations and the schemas that validate them:
 * an operationId per operation, named component schemas, problem+json errors, bearer security.
 * @example openApiDocument(apiOperations, 'https://api.example.org').paths['/incidents'].post.operationId // 'logIncident'
 */
export const openApiDocument = (operations: readonly DocumentedOperation[], serverUrl = '/') => {
  const named = namedSchemas(operations);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations)
    paths[operation.path] = {
      ...paths[operation.path],
      [operation.method.toLowerCase()]: operationObject(operation, named),
    };
  const tags = [...new Set(operations.map((operation) => operation.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpsDesk API',
      version: '1.0.0',
      description: 'ITSM and ITOM for teams on AWS: the HTTP contract.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: serverUrl, description: 'This deployment' }],
    security: [{ bearer: [] }],
    tags: tags.map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Roles come from the groups claim (cognito:groups unless configured)',
        },
      },
      schemas: { ...components(named.input, 'input'), ...components(named.output, 'output') },
      responses: <Record<string, { description: string; content: Record<string, { schema: unknown }> }>>{
        ...Object.fromEntries(
          Object.entries(errorResponses).map(([name, description]) => [
            name,
            {
              description,
              content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          ]),
        ),
        TooManyRequests: tooManyRequests,
      },
    },
  };
};

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
