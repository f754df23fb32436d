import type { MiddlewareObj } from '@middy/core';
import type { ApiEvent, ApiResult } from '../api-types.ts';
import { logger } from '../observability.ts';

/** The correlation id: the caller's `x-correlation-id`, else API Gateway's request id. */
export const correlationIdOf = (event: ApiEvent): string => {
  const supplied = event.headers?.['x-correlation-id'];
  return supplied && /^[\w.:-]{1,128}$/.test(supplied)
    ? supplied
    : (event.requestContext?.requestId ?? 'local');
};

/** The log keys of one HTTP request (see `withInvocationLogKeys`). */
export const requestLogKeys = (event: ApiEvent) => ({
  correlationId: correlationIdOf(event),
  routeKey: event.routeKey,
});

/** Echoes the correlation id to the caller and logs one line per response. */
export const correlatedRequestLogging = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  after: function logResponseAndEchoCorrelationId(request) {
    const response = request.response;
    if (!response) return;
    response.headers = { ...response.headers, 'x-correlation-id': correlationIdOf(request.event) };
    logger.info('response', { status: response.statusCode });
  },
});
