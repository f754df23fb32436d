import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { cmdbWiring } from '#adapters/process-dependencies.ts';
import { DomainError } from '#domain/errors.ts';
import { logger } from '#http/observability.ts';
import { discoverFromConfig } from '#processes/cmdb/config-discovery.ts';

const deps = cmdbWiring();

/**
 * Keeps the CMDB current from AWS Config: each `Config Configuration Item Change` creates or
 * updates the CI with that ARN and its relationships. An event that is not a full item change
 * (the oversized form, a malformed item) is logged and dropped: retrying cannot fix it.
 */
export const handler = middy<EventBridgeEvent<'Config Configuration Item Change', unknown>, void>().handler(
  async function discoverConfigurationItem(event) {
    try {
      const outcome = await discoverFromConfig(deps, event);
      logger.info('config item applied', { eventId: event.id, ...outcome });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      logger.error('Config item refused', { eventId: event.id, detail: error.message, errors: error.errors });
    }
  },
);
