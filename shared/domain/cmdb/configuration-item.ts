import type { FieldError } from '#domain/errors.ts';
import type { Priority } from '#domain/incident/priority.ts';
import { formatNumber, type RecordBase } from '#domain/record/record.ts';
import type { Health } from './ci-health.ts';
import type { AttributeSource } from './reconciliation.ts';

/**
 * CI types: the API's list (README, CMDB) plus what AWS Config discovery needs
 * (`storage` for buckets and volumes, `container` for ECS/EKS, `other` for the rest).
 */
export const CI_TYPES = [
  'service',
  'application',
  'server',
  'database',
  'function',
  'load_balancer',
  'queue',
  'table',
  'api',
  'network',
  'storage',
  'container',
  'other',
] as const;
export type CiType = (typeof CI_TYPES)[number];

/** A retired CI keeps its history and the links on old records; it is never physically deleted. */
export const CI_STATUSES = ['active', 'retired'] as const;
export type CiStatus = (typeof CI_STATUSES)[number];

/** Attributes are small and flat: scalars or a list of strings (tags become `tag:<key>`). */
export type AttributeValue = string | number | boolean | string[];
export type CiAttributes = Record<string, AttributeValue>;

/** Business criticality, ServiceNow style: 1 is the most critical, 4 the least. */
export const SERVICE_TIERS = [1, 2, 3, 4] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/**
 * A configuration item as stored (record kind `ci` of the record store) and served by the API.
 * `health` is the effective health (its own, raised to the worst of what it needs); `ownHealth`
 * comes from `openIncidents`, the open incidents on the CI and their priorities.
 */
export interface ConfigurationItem extends RecordBase {
  name: string;
  type: CiType;
  status: CiStatus;
  attributes: CiAttributes;
  /** Who owns each attribute: discovery never overwrites one owned by `manual`. */
  attributeSources: Record<string, AttributeSource>;
  externalId?: string;
  serviceTier?: ServiceTier;
  health: Health;
  ownHealth: Health;
  openIncidents: Record<string, Priority>;
  /** Keys of its metric bindings whose threshold is breached now: health at least `degraded`. */
  breachedThresholds?: string[];
  /** Capture time of the newest AWS Config item applied. */
  lastDiscoveredAt?: string;
  retiredAt?: string;
}

/** A new CI record; `attributeSources` says who set each attribute. */
export const newConfigurationItem = (
  input: {
    name: string;
    type: CiType;
    attributes?: CiAttributes;
    externalId?: string;
    serviceTier?: ServiceTier;
  },
  owner: 'manual' | 'discovery',
  meta: { id: string; sequence: number; actor: string; at: string },
): ConfigurationItem => {
  const attributes = input.attributes ?? {};
  return {
    id: meta.id,
    number: formatNumber('CI', meta.sequence),
    name: input.name,
    type: input.type,
    status: 'active',
    attributes,
    attributeSources: Object.fromEntries(Object.keys(attributes).map((key) => [key, owner])),
    ...(input.externalId === undefined ? {} : { externalId: input.externalId }),
    ...(input.serviceTier === undefined ? {} : { serviceTier: input.serviceTier }),
    health: 'ok',
    ownHealth: 'ok',
    openIncidents: {},
    createdAt: meta.at,
    updatedAt: meta.at,
    createdBy: meta.actor,
    version: 1,
  };
};

/** Input of `POST /cis`, before validation (the schema layer has only checked the JSON shape). */
export interface NewCiInput {
  name: string;
  type: string;
  attributes?: Record<string, unknown>;
  externalId?: string;
  serviceTier?: number;
}

/** Input of `PATCH /cis/{id}`; an attribute set to `null` is removed. */
export interface CiPatchInput {
  name?: string;
  type?: string;
  attributes?: Record<string, unknown>;
  serviceTier?: number | null;
}

const MAX_NAME = 200;
const MAX_EXTERNAL_ID = 2048;
const MAX_ATTRIBUTE_KEY = 128;
const MAX_ATTRIBUTES = 100;

export const isCiType = (value: unknown): value is CiType => CI_TYPES.includes(value as CiType);

/**
 * A number an attribute may hold: finite, and 0 or between 1e-130 and 1e126 in magnitude (what a
 * DynamoDB number can keep; 5e-324 would be refused by the store, not by us).
 */
const isAttributeNumber = (value: number) =>
  Number.isFinite(value) && (value === 0 || (Math.abs(value) >= 1e-130 && Math.abs(value) < 1e126));

/** True for a value an attribute may hold (`null` only where `allowNull`, i.e. in a patch). */
export const isAttributeValue = (value: unknown, allowNull = false): boolean =>
  (allowNull && value === null) ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && isAttributeNumber(value)) ||
  (Array.isArray(value) && value.every((item) => typeof item === 'string'));

const nameErrors = (name: unknown): FieldError[] => {
  if (typeof name !== 'string' || name.trim() === '') return [{ path: 'name', message: 'A CI needs a name' }];
  return name.length > MAX_NAME ? [{ path: 'name', message: `At most ${MAX_NAME} characters` }] : [];
};

const typeErrors = (type: unknown): FieldError[] =>
  isCiType(type) ? [] : [{ path: 'type', message: `Unknown CI type; one of ${CI_TYPES.join(', ')}` }];

const tierErrors = (tier: unknown): FieldError[] =>
  tier === undefined || SERVICE_TIERS.includes(tier as ServiceTier)
    ? []
    : [{ path: 'serviceTier', message: 'serviceTier is 1 (most critical) to 4' }];

const attributeErrors = (attributes: unknown, allowNull: boolean): FieldError[] => {
  if (attributes === undefined) return [];
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    return [{ path: 'attributes', message: 'attributes is an object' }];
  }
  const entries = Object.entries(attributes);
  const errors: FieldError[] =
    entries.length > MAX_ATTRIBUTES
      ? [{ path: 'attributes', message: `At most ${MAX_ATTRIBUTES} attributes` }]
      : [];
  for (const [key, value] of entries) {
    if (key.trim() === '' || key.length > MAX_ATTRIBUTE_KEY) {
      errors.push({ path: `attributes.${key}`, message: `A key has 1 to ${MAX_ATTRIBUTE_KEY} characters` });
    } else if (!isAttributeValue(value, allowNull)) {
      const allowed = allowNull
        ? 'string, number (0 or 1e-130 to 1e126 in magnitude), boolean, list of strings or null'
        : 'string, number (0 or 1e-130 to 1e126 in magnitude), boolean or list of strings';
      errors.push({ path: `attributes.${key}`, message: `An attribute is a ${allowed}` });
    }
  }
  return errors;
};

/**
 * Every rule a new CI breaks; empty when it may be created.
 * @example validateNewCi({ name: 'checkout', type: 'service' }) // []
 */
export const validateNewCi = (input: NewCiInput): FieldError[] => {
  const externalId = input.externalId;
  const externalIdErrors: FieldError[] =
    externalId === undefined ||
    (typeof externalId === 'string' && externalId.trim() !== '' && externalId.length <= MAX_EXTERNAL_ID)
      ? []
      : [{ path: 'externalId', message: `externalId has 1 to ${MAX_EXTERNAL_ID} characters` }];
  return [
    ...nameErrors(input.name),
    ...typeErrors(input.type),
    ...attributeErrors(input.attributes, false),
    ...externalIdErrors,
    ...tierErrors(input.serviceTier),
  ];
};

/**
 * Every rule a CI patch breaks; `null` removes an attribute or the tier.
 * @example validateCiPatch({ attributes: { owner: 'payments', legacy: null } }) // []
 */
export const validateCiPatch = (patch: CiPatchInput): FieldError[] => [
  ...(patch.name === undefined ? [] : nameErrors(patch.name)),
  ...(patch.type === undefined ? [] : typeErrors(patch.type)),
  ...attributeErrors(patch.attributes, true),
  ...(patch.serviceTier === null ? [] : tierErrors(patch.serviceTier)),
];
