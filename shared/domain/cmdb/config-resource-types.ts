import type { CiType } from './configuration-item.ts';

/** AWS Config resource types with a CI type of their own; anything else is `other`. */
const exactTypes: Readonly<Record<string, CiType>> = {
  'AWS::EC2::Instance': 'server',
  'AWS::RDS::DBInstance': 'database',
  'AWS::RDS::DBCluster': 'database',
  'AWS::Lambda::Function': 'function',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load_balancer',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'load_balancer',
  'AWS::SQS::Queue': 'queue',
  'AWS::DynamoDB::Table': 'table',
  'AWS::EC2::VPC': 'network',
  'AWS::EC2::Subnet': 'network',
  'AWS::EC2::SecurityGroup': 'network',
  'AWS::EC2::NetworkInterface': 'network',
  'AWS::EC2::EIP': 'network',
  'AWS::EC2::InternetGateway': 'network',
  'AWS::EC2::NatGateway': 'network',
  'AWS::EC2::RouteTable': 'network',
  'AWS::EC2::NetworkAcl': 'network',
  'AWS::S3::Bucket': 'storage',
  'AWS::EC2::Volume': 'storage',
  'AWS::EFS::FileSystem': 'storage',
  'AWS::ECS::Cluster': 'container',
  'AWS::ECS::Service': 'container',
  'AWS::EKS::Cluster': 'container',
};

/** Whole services that map to one CI type, by resource type prefix. */
const prefixTypes: readonly (readonly [string, CiType])[] = [
  ['AWS::ApiGateway::', 'api'],
  ['AWS::ApiGatewayV2::', 'api'],
];

/**
 * The CI type for an AWS Config resource type.
 * @example ciTypeForResource('AWS::EC2::Instance') // 'server'
 */
export const ciTypeForResource = (resourceType: string): CiType =>
  exactTypes[resourceType] ?? prefixTypes.find(([prefix]) => resourceType.startsWith(prefix))?.[1] ?? 'other';

/**
 * How high a CI type sits in a stack: a higher layer needs a lower one. Used to orient the
 * symmetric Config relationships ("Is attached to", "Is associated with") that Config reports
 * from both ends, so both reports give the same single edge.
 */
const layer: Readonly<Record<CiType, number>> = {
  service: 9,
  application: 8,
  api: 7,
  load_balancer: 7,
  function: 6,
  container: 6,
  server: 5,
  database: 4,
  queue: 3,
  table: 3,
  storage: 2,
  network: 1,
  other: 0,
};

/**
 * Positive when a CI of type `a` sits above one of type `b` (and so needs it).
 * @example compareLayers('server', 'storage') > 0 // true
 */
export const compareLayers = (a: CiType, b: CiType): number => layer[a] - layer[b];

/**
 * The ARN of a related resource, for the types whose ARN is fixed by the resource id; Config
 * relationships carry no ARN, and building it lets the edge meet the CI that the related
 * resource's own Config item creates (that item carries the ARN).
 * @example relatedArn('AWS::EC2::SecurityGroup', 'sg-1', { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' })
 * // 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1'
 */
export const relatedArn = (
  resourceType: string,
  resourceId: string,
  at: { partition: string; region: string; accountId: string },
): string | undefined => {
  const ec2 = (kind: string) => `arn:${at.partition}:ec2:${at.region}:${at.accountId}:${kind}/${resourceId}`;
  switch (resourceType) {
    case 'AWS::EC2::Instance':
      return ec2('instance');
    case 'AWS::EC2::Volume':
      return ec2('volume');
    case 'AWS::EC2::SecurityGroup':
      return ec2('security-group');
    case 'AWS::EC2::Subnet':
      return ec2('subnet');
    case 'AWS::EC2::VPC':
      return ec2('vpc');
    case 'AWS::EC2::NetworkInterface':
      return ec2('network-interface');
    case 'AWS::Lambda::Function':
      return `arn:${at.partition}:lambda:${at.region}:${at.accountId}:function:${resourceId}`;
    default:
      return undefined;
  }
};
