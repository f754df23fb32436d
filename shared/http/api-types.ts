import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Actor } from '#domain/record/record.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = Exclude<APIGatewayProxyResultV2, string>;

/** What a route handler sees: already authenticated, parsed and size-checked. */
export interface ApiRequest {
  routeKey: string;
  actor: Actor;
  pathParameters: Record<string, string>;
  query: Record<string, string>;
  /** The parsed JSON body (undefined without one). */
  body: unknown;
  /** Raw body text, for idempotency fingerprints. */
  rawBody: string;
  headers: Record<string, string>;
  correlationId: string;
}
