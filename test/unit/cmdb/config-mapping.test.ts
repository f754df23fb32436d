import { describe, expect, it } from 'vitest';
import { ciTypeForResource, edgeForConfigRelationship } from '#domain/cmdb/index.ts';

describe('ciTypeForResource', () => {
  it.each([
    ['AWS::EC2::Instance', 'server'],
    ['AWS::RDS::DBInstance', 'database'],
    ['AWS::Lambda::Function', 'function'],
    ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'load_balancer'],
    ['AWS::SQS::Queue', 'queue'],
    ['AWS::DynamoDB::Table', 'table'],
    ['AWS::ApiGateway::RestApi', 'api'],
    ['AWS::ApiGateway::Stage', 'api'],
    ['AWS::ApiGatewayV2::Api', 'api'],
    ['AWS::EC2::VPC', 'network'],
    ['AWS::EC2::Subnet', 'network'],
    ['AWS::EC2::SecurityGroup', 'network'],
    ['AWS::EC2::NetworkInterface', 'network'],
    ['AWS::S3::Bucket', 'storage'],
    ['AWS::EC2::Volume', 'storage'],
  ])('maps %s to %s', (resourceType, ciType) => {
    // Assess
    expect(ciTypeForResource(resourceType)).toBe(ciType);
  });

  it('maps anything else to other', () => {
    // Assess
    expect(ciTypeForResource('AWS::IAM::Role')).toBe('other');
    expect(ciTypeForResource('AWS::ApiGatewayish::Thing')).toBe('other');
  });
});

describe('edgeForConfigRelationship', () => {
  const instance = { externalId: 'arn:instance', ciType: 'server' as const };
  const volume = { externalId: 'arn:volume', ciType: 'storage' as const };
  const subnet = { externalId: 'arn:subnet', ciType: 'network' as const };
  const vpc = { externalId: 'arn:vpc', ciType: 'network' as const };
  const sg = { externalId: 'arn:sg', ciType: 'network' as const };
  const eni = { externalId: 'arn:eni', ciType: 'network' as const };
  const short = (e: ReturnType<typeof edgeForConfigRelationship>) =>
    `${e.fromExternalId} ${e.type} ${e.toExternalId}`;

  it('gives one edge for an attachment whichever end reports it', () => {
    // Act
    const fromInstance = edgeForConfigRelationship('Is attached to Volume', instance, volume);
    const fromVolume = edgeForConfigRelationship('Is attached to Instance', volume, instance);
    // Assess
    expect(short(fromInstance)).toBe('arn:instance depends_on arn:volume');
    expect(short(fromVolume)).toBe(short(fromInstance));
  });

  it('makes the contained need its container, from either end, even between equal layers', () => {
    // Act
    const inSubnet = edgeForConfigRelationship('Is contained in Subnet', instance, subnet);
    const subnetContains = edgeForConfigRelationship('Contains Instance', subnet, instance);
    const subnetInVpc = edgeForConfigRelationship('Is contained in Vpc', subnet, vpc);
    const vpcContains = edgeForConfigRelationship('Contains Subnet', vpc, subnet);
    // Assess
    expect(short(inSubnet)).toBe('arn:instance hosted_on arn:subnet');
    expect(short(subnetContains)).toBe(short(inSubnet));
    expect(short(subnetInVpc)).toBe('arn:subnet hosted_on arn:vpc');
    expect(short(vpcContains)).toBe(short(subnetInVpc));
  });

  it('orients by layer when the Config verb points down the stack', () => {
    // Act: Config says the instance "Contains" its network interface
    const edge = edgeForConfigRelationship('Contains NetworkInterface', instance, eni);
    // Assess: the instance still needs it, so no cycle with "Is attached to Instance" on the ENI
    expect(short(edge)).toBe('arn:instance hosted_on arn:eni');
  });

  it('turns an association into connects_to, stable between equal layers', () => {
    // Act
    const fromInstance = edgeForConfigRelationship('Is associated with SecurityGroup', instance, sg);
    const a = edgeForConfigRelationship('Is associated with NetworkInterface', sg, eni);
    const b = edgeForConfigRelationship('Is associated with SecurityGroup', eni, sg);
    // Assess
    expect(short(fromInstance)).toBe('arn:instance connects_to arn:sg');
    expect(short(a)).toBe('arn:eni connects_to arn:sg');
    expect(short(b)).toBe(short(a));
  });
});
