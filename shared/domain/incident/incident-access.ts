import { forbidden, notFound } from '../errors.ts';
import { type Actor, hasRole } from '../record/record.ts';
import type { Incident } from './incident.ts';

/**
 * A requester sees only the incidents they are the caller of; agents and above see all.
 * An unseen incident is reported as unknown (404), so ids do not leak.
 */
export const assertCanSeeIncident = (actor: Actor, incident: Pick<Incident, 'callerId' | 'number'>): void => {
  if (!hasRole(actor, 'agent') && incident.callerId !== actor.sub) throw notFound('No incident with that id');
};

/**
 * Anyone from requester up logs an incident; only an agent creates a child incident
 * (`parentId`), as "create child incident" does (403 otherwise).
 */
export const assertCanLogIncident = (actor: Actor, input: { parentId?: string }): void => {
  if (input.parentId !== undefined && !hasRole(actor, 'agent'))
    throw forbidden('Only an agent may create a child incident');
};

/** Only agents and above change an incident; a requester may only comment on their own. */
export const assertCanChangeIncident = (actor: Actor): void => {
  if (!hasRole(actor, 'agent')) throw forbidden('Only an agent may change an incident');
};

/** Work notes are for agents: a requester writes and reads only public comments. */
export const assertCanWriteComment = (actor: Actor, visibility: 'public' | 'work_note'): void => {
  if (visibility === 'work_note' && !hasRole(actor, 'agent'))
    throw forbidden('Only an agent may write a work note');
};

/** The caller filter a list must apply: a requester's list is always their own. */
export const listScopeFor = (actor: Actor, requestedCallerId: string | undefined): string | undefined =>
  hasRole(actor, 'agent') ? requestedCallerId : actor.sub;
