import { type FieldError, validationError } from '#domain/errors.ts';
import { discoveredAttributes } from './config-attributes.ts';
import { type DiscoveredEdge, edgeForConfigRelationship } from './config-relationships.ts';
import { ciTypeForResource, relatedArn } from './config-resource-types.ts';
import type { CiAttributes, CiType } from './configuration-item.ts';

export const CONFIG_ITEM_STATUSES = [
  'OK',
  'ResourceDiscovered',
  'ResourceDeleted',
  'ResourceDeletedNotRecorded',
  'ResourceNotRecorded',
] as const;
export type ConfigItemStatus = (typeof CONFIG_ITEM_STATUSES)[number];

/** A resource named by a Config item or by one of its relationships. */
export interface DiscoveredRef {
  /** The ARN, or `arn-less:<configKey>` when Config gives none and none can be built. */
  externalId: string;
  /** `<resourceType>:<resourceId>:<region>:<accountId>`: Config's own identity, for an alias guard. */
  configKey: string;
  resourceType: string;
  ciType: CiType;
  name: string;
}

/** What one `Config Configuration Item Change` event says about one resource. */
export interface DiscoveredResource extends DiscoveredRef {
  itemStatus: ConfigItemStatus;
  captureTime: string;
  attributes: CiAttributes;
  related: DiscoveredRef[];
  edges: DiscoveredEdge[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

const refOf = (
  resourceType: string,
  resourceId: string,
  name: unknown,
  arn: unknown,
  at: Json,
): DiscoveredRef => {
  const region = String(at.awsRegion);
  const accountId = String(at.awsAccountId);
  const configKey = `${resourceType}:${resourceId}:${region}:${accountId}`;
  const partition = String(at.ARN ?? '').split(':')[1] || 'aws';
  const externalId =
    text(arn) ??
    (resourceId.startsWith('arn:') ? resourceId : undefined) ??
    relatedArn(resourceType, resourceId, { partition, region, accountId }) ??
    `arn-less:${configKey}`;
  return {
    externalId,
    configKey,
    resourceType,
    ciType: ciTypeForResource(resourceType),
    name: text(name) ?? resourceId,
  };
};

/** Why the event is not a full Config item change, or `undefined` when it is one. */
const unsupported = (event: unknown): FieldError | undefined => {
  if (!isObject(event) || event.source !== 'aws.config')
    return { path: 'source', message: 'Not an aws.config event' };
  if (event['detail-type'] !== 'Config Configuration Item Change') {
    return { path: 'detail-type', message: 'Not a Config Configuration Item Change' };
  }
  const detail = event.detail;
  if (!isObject(detail)) return { path: 'detail', message: 'The event has no detail' };
  if (
    detail.messageType === 'OversizedConfigurationItemChangeNotification' ||
    isObject(detail.configurationItemSummary)
  ) {
    return {
      path: 'detail.messageType',
      message: 'Oversized item: only a summary was sent; read the item from Config',
    };
  }
  if (!isObject(detail.configurationItem)) {
    return { path: 'detail.configurationItem', message: 'The event carries no configuration item' };
  }
  return undefined;
};

const itemOf = (event: unknown): Json => {
  const error = unsupported(event);
  if (error !== undefined) throw validationError([error], 'The Config event is not supported');
  return ((event as Json).detail as Json).configurationItem as Json;
};

const requiredErrors = (item: Json): FieldError[] => {
  const errors = ['resourceType', 'resourceId', 'awsRegion', 'awsAccountId']
    .filter((key) => text(item[key]) === undefined)
    .map((key) => ({ path: `detail.configurationItem.${key}`, message: `${key} is missing` }));
  if (!CONFIG_ITEM_STATUSES.includes(item.configurationItemStatus as ConfigItemStatus)) {
    errors.push({ path: 'detail.configurationItem.configurationItemStatus', message: 'Unknown item status' });
  }
  if (Number.isNaN(Date.parse(String(item.configurationItemCaptureTime)))) {
    errors.push({
      path: 'detail.configurationItem.configurationItemCaptureTime',
      message: 'Not a timestamp',
    });
  }
  return errors;
};

const sameEdge = (a: DiscoveredEdge, b: DiscoveredEdge): boolean =>
  a.fromExternalId === b.fromExternalId && a.toExternalId === b.toExternalId && a.type === b.type;

/**
 * Reads a `Config Configuration Item Change` EventBridge event (full form) into the CI it
 * describes, the resources it relates to and the edges to draw. Throws a validation error
 * for another event, a malformed item, or the oversized form (summary only, no item).
 * @example parseConfigItemChange(ec2InstanceEvent).ciType // 'server'
 */
export const parseConfigItemChange = (event: unknown): DiscoveredResource => {
  const item = itemOf(event);
  const errors = requiredErrors(item);
  if (errors.length > 0) throw validationError(errors, 'The Config item is not valid');
  const resourceType = String(item.resourceType);
  const tags = isObject(item.tags) ? item.tags : {};
  const subject = refOf(
    resourceType,
    String(item.resourceId),
    item.resourceName ?? tags.Name,
    item.ARN,
    item,
  );
  const related: DiscoveredRef[] = [];
  const edges: DiscoveredEdge[] = [];
  for (const rel of Array.isArray(item.relationships) ? item.relationships : []) {
    // Some relationships (IAM roles, for one) name the resource without an id.
    const id = isObject(rel) ? (text(rel.resourceId) ?? text(rel.resourceName)) : undefined;
    if (!isObject(rel) || !text(rel.resourceType) || !text(rel.name) || id === undefined) continue;
    const ref = refOf(String(rel.resourceType), id, rel.resourceName, undefined, item);
    const edge = edgeForConfigRelationship(String(rel.name), subject, ref);
    if (!related.some((r) => r.externalId === ref.externalId)) related.push(ref);
    if (!edges.some((e) => sameEdge(e, edge))) edges.push(edge);
  }
  return {
    ...subject,
    itemStatus: item.configurationItemStatus as ConfigItemStatus,
    captureTime: new Date(String(item.configurationItemCaptureTime)).toISOString(),
    attributes: discoveredAttributes({
      ...item,
      resourceType,
      awsRegion: String(item.awsRegion),
      awsAccountId: String(item.awsAccountId),
    }),
    related,
    edges,
  };
};
