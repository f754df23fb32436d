import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { cmdbWiring } from '#adapters/process-dependencies.ts';
import { DomainError } from '#domain/errors.ts';
import { eventLogKeys, withInvocationLogKeys } from '#http/middleware/invocation-log-keys.ts';
import { logger } from '#http/observability.ts';
import { discoverFromConfig } from '#processes/cmdb/config-discovery.ts';
import { refuseInboundEvent } from '#processes/inbound-refusal.ts';

const deps = cmdbWiring();

/**
 * Keeps the CMDB current from AWS Config: each `Config Configuration Item Change` creates or
 * updates the CI with that ARN and its relationships. An event that is not a full item change
 * (the oversized form, a malformed item) is refused: logged and announced as `Inbound Event
 * Refused` on the platform bus; retrying cannot fix it, so it is not retried.
 */
export const handler = withInvocationLogKeys(
  eventLogKeys,
  middy<EventBridgeEvent<'Config Configuration Item Change', unknown>, void>().handler(
    async function discoverConfigurationItem(event) {
      try {
        const outcome = await discoverFromConfig(deps, event);
        logger.info('config item applied', { eventId: event.id, ...outcome });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const errors = error.errors ?? [{ path: 'detail', message: error.message }];
        logger.error('Config item refused', { errors });
        await refuseInboundEvent(deps, {
          source: event.source,
          detailType: event['detail-type'],
          eventId: event.id,
          errors,
        });
      }
    },
  ),
);
