import { apiOperations } from '#functions/contracts/index.ts';
import type { OperationContract } from '#http/operation.ts';
import { openApiDocument } from '#schemas/openapi.ts';
import type { DocumentedOperation } from './fuzz-request.ts';
import type { JsonSchema } from './schema-arbitrary.ts';

/** The parts of `/openapi.json` the fuzzing reads. */
export interface ServedDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: DocumentedOperation['parameters'];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        responses?: Record<string, unknown>;
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
}

/**
 * Every operation as `document` describes it, by operationId: parameters, JSON body schema and
 * the statuses it declares.
 * @example const operations = documentedOperations(await served('/openapi.json'));
 */
export const documentedOperations = (document: ServedDocument): Map<string, DocumentedOperation> =>
  new Map(
    apiOperations.map((operation) => {
      const documented = document.paths[operation.path]?.[operation.method.toLowerCase()];
      return [
        operation.operationId,
        {
          operationId: operation.operationId,
          method: operation.method,
          path: operation.path,
          role: operation.role,
          parameters: documented?.parameters ?? [],
          bodySchema: documented?.requestBody?.content['application/json']?.schema,
          statuses: new Set(Object.keys(documented?.responses ?? {}).map(Number)),
        },
      ];
    }),
  );

const generated = openApiDocument(apiOperations) as unknown as ServedDocument;

/**
 * The operations whose document names a parameter (`limit`, `If-Match`), known when tests are
 * collected, before anything serves: from the document the server generates the same way.
 * @example documentedWith('Idempotency-Key') // [logIncident, recordProblem, ...]
 */
export const documentedWith = (name: string): OperationContract[] =>
  apiOperations.filter((operation) =>
    (generated.paths[operation.path]?.[operation.method.toLowerCase()]?.parameters ?? []).some(
      (parameter) => parameter.name === name,
    ),
  );

/**
 * Runs per `OPSDESK_FUZZ_RUNS` for an operation: more where there is more to get wrong. Reads go a
 * few at once, so they are cheap: lists (filters, cursors, limits) get the most; a change gets
 * more for a body, path ids and preconditions.
 * @example weightOf(logIncident) // 4: a body (2), an Idempotency-Key (1), and 1
 */
export const weightOf = (operation: DocumentedOperation): number => {
  if (operation.role === 'public') return 1;
  const has = (where: string) => operation.parameters.some((parameter) => parameter.in === where);
  if (operation.method === 'GET') return 2 + 2 * Number(has('query')) + Number(has('path'));
  return 1 + 2 * Number(operation.bodySchema !== undefined) + Number(has('path')) + Number(has('header'));
};
