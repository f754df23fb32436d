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

/**
 * Adds the correlation id and route to every log line of the request, echoes the id to the
 * caller and logs one line per response.
 */
export const correlatedRequestLogging = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  before: function addCorrelationIdToLogs(request) {
    logger.resetKeys();
    logger.appendKeys({ correlationId: correlationIdOf(request.event), routeKey: request.event.routeKey });
  },
  after: function logResponseAndEchoCorrelationId(request) {
    const response = request.response;
    if (!response) return;
    response.headers = { ...response.headers, 'x-correlation-id': correlationIdOf(request.event) };
    logger.info('response', { status: response.statusCode });
  },
});
