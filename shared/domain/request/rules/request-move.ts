import type { Actor } from '#domain/record/record.ts';
import type { ServiceRequest, ServiceRequestPatch } from '../service-request.ts';

/** What each request rule judges. */
export interface RequestMove {
  before: ServiceRequest;
  after: ServiceRequest;
  patch: ServiceRequestPatch;
  actor: Actor;
}
