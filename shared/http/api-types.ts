import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Actor } from '#domain/record/record.ts';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = Exclude<APIGatewayProxyResultV2, string>;

/** What an idempotency fingerprint is taken from: the route, the caller and what they sent. */
export interface ApiRequest {
  routeKey: string;
  actor: Actor;
  pathParameters: Record<string, string>;
  /** Raw body text, as sent. */
  rawBody: string;
  headers: Record<string, string>;
}
