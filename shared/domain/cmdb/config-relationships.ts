import { compareLayers } from './config-resource-types.ts';
import type { CiType } from './configuration-item.ts';
import type { RelationshipType } from './relationship.ts';

/**
 * How a Config relationship name (e.g. "Is attached to Volume": verb then the related type)
 * becomes one OpsDesk edge, "`from` needs `to`":
 *
 * | Config name starts with | OpsDesk type  | Direction                                               |
 * |-------------------------|---------------|---------------------------------------------------------|
 * | `Is contained in`       | `hosted_on`   | the contained needs its container (instance → subnet)   |
 * | `Contains`              | `hosted_on`   | same edge, seen from the container (subnet ← instance)  |
 * | `Is attached to`        | `depends_on`  | the higher layer needs the lower (instance → volume)    |
 * | `Attached to`           | `depends_on`  | as above (older item versions)                          |
 * | `Is associated with`    | `connects_to` | the higher layer needs the lower (instance → sec group) |
 * | anything else           | `connects_to` | the higher layer needs the lower                        |
 *
 * Containment follows the layers too when they differ (`compareLayers`: service > application >
 * api, load_balancer > function, container > server > database > queue, table > storage >
 * network > other), so an instance that "Contains NetworkInterface" gets `instance hosted_on
 * eni`, not the reverse. Config reports most relationships from both ends ("Is attached to
 * Instance" on the volume too); orienting by layer makes both reports the same edge, so no
 * two-edge cycle appears and an outage does not spread sideways through a shared subnet.
 * Ties on symmetric names orient by external id (the smaller one is `from`): arbitrary, stable.
 * `contains` stays a manual type (a service contains its components).
 */
type Verb = 'contained_in' | 'contains' | 'attached' | 'associated' | 'other';

const verbs: readonly (readonly [string, Verb])[] = [
  ['is contained in', 'contained_in'],
  ['contains', 'contains'],
  ['is attached to', 'attached'],
  ['attached to', 'attached'],
  ['is associated with', 'associated'],
];

const edgeTypes: Readonly<Record<Verb, RelationshipType>> = {
  contained_in: 'hosted_on',
  contains: 'hosted_on',
  attached: 'depends_on',
  associated: 'connects_to',
  other: 'connects_to',
};

/** One end of a discovered relationship. */
export interface ConfigEnd {
  externalId: string;
  ciType: CiType;
}

/** A relationship to create between the CIs holding these external ids. */
export interface DiscoveredEdge {
  fromExternalId: string;
  toExternalId: string;
  type: RelationshipType;
  /** The Config relationship name it came from, for the history. */
  configName: string;
}

const verbOf = (name: string): Verb =>
  verbs.find(([prefix]) => name.toLowerCase().startsWith(prefix))?.[1] ?? 'other';

const subjectNeeds = (verb: Verb, subject: ConfigEnd, related: ConfigEnd): boolean => {
  const byLayer = compareLayers(subject.ciType, related.ciType);
  if (byLayer !== 0) return byLayer > 0;
  if (verb === 'contained_in') return true;
  if (verb === 'contains') return false;
  return subject.externalId < related.externalId;
};

/**
 * The OpsDesk edge for one Config relationship of `subject` with `related`.
 * @example
 * edgeForConfigRelationship('Is attached to Volume', { externalId: 'arn:…instance/i-1', ciType: 'server' },
 *   { externalId: 'arn:…volume/vol-1', ciType: 'storage' })
 * // { fromExternalId: 'arn:…instance/i-1', toExternalId: 'arn:…volume/vol-1', type: 'depends_on', configName: 'Is attached to Volume' }
 */
export const edgeForConfigRelationship = (
  name: string,
  subject: ConfigEnd,
  related: ConfigEnd,
): DiscoveredEdge => {
  const verb = verbOf(name);
  const [from, to] = subjectNeeds(verb, subject, related) ? [subject, related] : [related, subject];
  return {
    fromExternalId: from.externalId,
    toExternalId: to.externalId,
    type: edgeTypes[verb],
    configName: name,
  };
};
