import { type AttributeValue, type CiAttributes, isAttributeValue } from './configuration-item.ts';

/** An attribute name and the dotted path of its value in a Config item's `configuration`. */
type Pick = readonly [attribute: string, path: string];

/** The few attributes worth keeping per resource type: small and flat, not the whole item. */
const picks: Readonly<Record<string, readonly Pick[]>> = {
  'AWS::EC2::Instance': [
    ['instanceType', 'instanceType'],
    ['state', 'state.name'],
    ['imageId', 'imageId'],
    ['privateIpAddress', 'privateIpAddress'],
    ['vpcId', 'vpcId'],
    ['subnetId', 'subnetId'],
  ],
  'AWS::RDS::DBInstance': [
    ['engine', 'engine'],
    ['engineVersion', 'engineVersion'],
    ['instanceClass', 'dBInstanceClass'],
    ['state', 'dBInstanceStatus'],
    ['multiAz', 'multiAZ'],
    ['endpoint', 'endpoint.address'],
    ['port', 'endpoint.port'],
  ],
  'AWS::Lambda::Function': [
    ['runtime', 'runtime'],
    ['handler', 'handler'],
    ['memorySize', 'memorySize'],
    ['timeout', 'timeout'],
    ['architectures', 'architectures'],
  ],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': [
    ['loadBalancerType', 'type'],
    ['scheme', 'scheme'],
    ['state', 'state.code'],
    ['dnsName', 'dNSName'],
    ['vpcId', 'vpcId'],
  ],
  'AWS::SQS::Queue': [['fifo', 'FifoQueue']],
  'AWS::DynamoDB::Table': [
    ['state', 'tableStatus'],
    ['billingMode', 'billingModeSummary.billingMode'],
  ],
};

const valueAt = (source: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
      source,
    );

/** Where Config says "no single zone", there is no zone to record. */
const isZone = (zone: unknown): zone is string =>
  typeof zone === 'string' &&
  zone !== '' &&
  zone !== 'Not Applicable' &&
  zone !== 'Multiple Availability Zones';

export interface ConfigItemBasics {
  resourceType: string;
  awsRegion: string;
  awsAccountId: string;
  availabilityZone?: unknown;
  tags?: unknown;
  configuration?: unknown;
}

/**
 * The attributes discovery owns for one Config item: `region`, `accountId`, `resourceType`,
 * `availabilityZone` when there is one, each tag as `tag:<key>`, and the per-type picks.
 * Values that are not flat (objects, mixed lists) are left out.
 * @example discoveredAttributes({ resourceType: 'AWS::Lambda::Function', awsRegion: 'eu-west-1',
 *   awsAccountId: '123456789012', configuration: { runtime: 'nodejs20.x' } }).runtime // 'nodejs20.x'
 */
export const discoveredAttributes = (item: ConfigItemBasics): CiAttributes => {
  const attributes: CiAttributes = {
    region: item.awsRegion,
    accountId: item.awsAccountId,
    resourceType: item.resourceType,
  };
  if (isZone(item.availabilityZone)) attributes.availabilityZone = item.availabilityZone;
  if (typeof item.tags === 'object' && item.tags !== null) {
    for (const [key, value] of Object.entries(item.tags)) {
      if (typeof value === 'string') attributes[`tag:${key}`] = value;
    }
  }
  for (const [attribute, path] of picks[item.resourceType] ?? []) {
    const value = valueAt(item.configuration, path);
    if (isAttributeValue(value)) attributes[attribute] = value as AttributeValue;
  }
  return attributes;
};
