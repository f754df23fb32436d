import type { Context } from 'aws-lambda';
import { logger } from '../observability.ts';

/**
 * Wraps a handler of any kind (HTTP, event rule, schedule, stream) so each invocation logs with
 * its own keys, the Lambda request id and what `keysOf` reads from its event, and never with
 * another invocation's.
 * @example export const handler = withInvocationLogKeys((event) => ({ eventId: event.id }), middy().handler(...));
 */
export const withInvocationLogKeys =
  <Event, Result>(
    keysOf: (event: Event) => Record<string, unknown>,
    handler: (event: Event, context: Context) => Promise<Result>,
  ) =>
  (event: Event, context: Context): Promise<Result> =>
    logger.scoped(
      { ...(context?.awsRequestId ? { requestId: context.awsRequestId } : {}), ...keysOf(event) },
      () => handler(event, context),
    );

/** The keys of an EventBridge event: which event, from where. */
export const eventLogKeys = (event: { id?: string; source?: string; 'detail-type'?: string }) => ({
  eventId: event.id,
  source: event.source,
  detailType: event['detail-type'],
});
