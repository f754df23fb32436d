import type { Actor } from '#domain/record/record.ts';
import type { Change, ChangePatch } from '../change.ts';

/**
 * What each change rule judges: the change before and after, who asks, and whether the move
 * comes from a PATCH or from the approvals (`POST /changes/{id}/approvals`).
 */
export interface ChangeMove {
  before: Change;
  after: Change;
  patch: ChangePatch;
  actor: Actor;
  via: 'patch' | 'approval';
}
