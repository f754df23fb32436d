import type { MiddlewareObj } from '@middy/core';
import type { ApiEvent, ApiResult } from '../api-types.ts';
import { logger } from '../observability.ts';
import { toProblem } from '../problem.ts';
import { correlationIdOf } from './correlated-request-logging.ts';

/**
 * Turns every error into an RFC 9457 problem+json response. A 5xx is logged with its stack
 * (it is a defect); the client only sees a generic detail.
 */
export const problemJsonErrors = (): MiddlewareObj<ApiEvent, ApiResult> => ({
  onError: function respondWithProblemJson(request) {
    const problem = toProblem(request.error);
    if (problem.status === 503) {
      // Not a defect: a dependency is down or slow, and readiness says which.
      logger.warn('dependency unavailable', { status: 503, detail: problem.detail });
    } else if (problem.status >= 500) {
      // Counted by the API's own 5xx metric (alarmed in the construct); the log keeps the stack.
      logger.error('unhandled error', request.error as Error);
    } else {
      logger.info('refused', { status: problem.status, detail: problem.detail });
    }
    request.response = {
      statusCode: problem.status,
      headers: {
        'content-type': 'application/problem+json',
        'x-correlation-id': correlationIdOf(request.event),
        // The store or bus is failing, not the request: the same request may succeed shortly.
        ...(problem.status === 503 ? { 'retry-after': '2' } : {}),
      },
      body: JSON.stringify(problem),
    };
  },
});
