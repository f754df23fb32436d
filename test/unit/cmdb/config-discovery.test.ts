import { describe, expect, it } from 'vitest';
import { type DiscoveredResource, parseConfigItemChange } from '#domain/cmdb/index.ts';
import { DomainError } from '#domain/errors.ts';
import alb from '../../fixtures/config/alb.json' with { type: 'json' };
import ec2 from '../../fixtures/config/ec2-instance.json' with { type: 'json' };
import ec2Deleted from '../../fixtures/config/ec2-instance-deleted.json' with { type: 'json' };
import lambda from '../../fixtures/config/lambda-function.json' with { type: 'json' };
import rds from '../../fixtures/config/rds-db-instance.json' with { type: 'json' };

const ARN = {
  instance: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f67890',
  appSg: 'arn:aws:ec2:eu-west-1:123456789012:security-group/sg-0123456789abcdef0',
  vpc: 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0a1b2c3d4e5f60718',
  subnetA: 'arn:aws:ec2:eu-west-1:123456789012:subnet/subnet-0c1d2e3f4a5b60789',
  volume: 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0123abcd4567ef890',
  eni: 'arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-0f1e2d3c4b5a69788',
  alb: 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/checkout-alb/50dc6c495c0c9188',
  lambda: 'arn:aws:lambda:eu-west-1:123456789012:function:checkout-worker',
  rds: 'arn:aws:rds:eu-west-1:123456789012:db:checkout-db',
};

const edgeList = (resource: DiscoveredResource) =>
  resource.edges.map((e) => `${e.fromExternalId} ${e.type} ${e.toExternalId}`);

describe('parseConfigItemChange on the fixtures', () => {
  it('maps the EC2 instance to a server with its attributes and edges', () => {
    // Act
    const ci = parseConfigItemChange(ec2);
    // Assess
    expect(ci).toMatchObject({
      externalId: ARN.instance,
      ciType: 'server',
      name: 'checkout-web-1',
      itemStatus: 'ResourceDiscovered',
    });
    expect(ci.captureTime).toBe('2026-01-05T09:13:58.120Z');
    expect(ci.attributes).toEqual({
      region: 'eu-west-1',
      accountId: '123456789012',
      resourceType: 'AWS::EC2::Instance',
      availabilityZone: 'eu-west-1a',
      'tag:Name': 'checkout-web-1',
      'tag:env': 'prod',
      'tag:team': 'payments',
      instanceType: 't3.medium',
      state: 'running',
      imageId: 'ami-0d64bb532e0502c46',
      privateIpAddress: '10.20.1.37',
      vpcId: 'vpc-0a1b2c3d4e5f60718',
      subnetId: 'subnet-0c1d2e3f4a5b60789',
    });
    expect(edgeList(ci)).toEqual([
      `${ARN.instance} hosted_on ${ARN.eni}`,
      `${ARN.instance} connects_to ${ARN.appSg}`,
      `${ARN.instance} hosted_on ${ARN.subnetA}`,
      `${ARN.instance} depends_on ${ARN.volume}`,
      `${ARN.instance} hosted_on ${ARN.vpc}`,
    ]);
  });

  it('maps the RDS instance to a database named by its identifier', () => {
    // Act
    const ci = parseConfigItemChange(rds);
    // Assess
    expect(ci).toMatchObject({
      externalId: ARN.rds,
      ciType: 'database',
      name: 'checkout-db',
      itemStatus: 'OK',
    });
    expect(ci.attributes).toMatchObject({
      engine: 'postgres',
      engineVersion: '16.4',
      state: 'available',
      multiAz: true,
      port: 5432,
    });
    expect(ci.related.find((r) => r.resourceType === 'AWS::RDS::DBSubnetGroup')).toMatchObject({
      externalId: 'arn-less:AWS::RDS::DBSubnetGroup:checkout-db-subnets:eu-west-1:123456789012',
      ciType: 'other',
    });
  });

  it('maps the Lambda function, sharing the instance security group and VPC', () => {
    // Act
    const ci = parseConfigItemChange(lambda);
    // Assess
    expect(ci).toMatchObject({ externalId: ARN.lambda, ciType: 'function', name: 'checkout-worker' });
    expect(ci.attributes).toMatchObject({
      runtime: 'nodejs20.x',
      memorySize: 512,
      timeout: 30,
      architectures: ['arm64'],
    });
    expect(ci.attributes).not.toHaveProperty('availabilityZone');
    expect(edgeList(ci)).toContain(`${ARN.lambda} connects_to ${ARN.appSg}`);
    expect(edgeList(ci)).toContain(`${ARN.lambda} hosted_on ${ARN.vpc}`);
    expect(ci.related.find((r) => r.resourceType === 'AWS::IAM::Role')?.externalId).toBe(
      'arn-less:AWS::IAM::Role:AROA3XFRBF535PLBIFPI4:eu-west-1:123456789012',
    );
  });

  it('maps the ALB to a load balancer that needs the instance it fronts', () => {
    // Act
    const ci = parseConfigItemChange(alb);
    // Assess
    expect(ci).toMatchObject({ externalId: ARN.alb, ciType: 'load_balancer', name: 'checkout-alb' });
    expect(ci.attributes).toMatchObject({
      loadBalancerType: 'application',
      scheme: 'internet-facing',
      state: 'active',
    });
    expect(ci.attributes).not.toHaveProperty('availabilityZone');
    expect(edgeList(ci)).toContain(`${ARN.alb} connects_to ${ARN.instance}`);
    expect(edgeList(ci)).toContain(`${ARN.alb} depends_on ${ARN.subnetA}`);
  });

  it('reads a deletion with no configuration and no relationships', () => {
    // Act
    const ci = parseConfigItemChange(ec2Deleted);
    // Assess
    expect(ci).toMatchObject({
      externalId: ARN.instance,
      itemStatus: 'ResourceDeleted',
      edges: [],
      related: [],
    });
    expect(ci.attributes).toEqual({
      region: 'eu-west-1',
      accountId: '123456789012',
      resourceType: 'AWS::EC2::Instance',
      availabilityZone: 'eu-west-1a',
    });
  });
});

describe('parseConfigItemChange refusals', () => {
  const refusal = (event: unknown) => {
    try {
      parseConfigItemChange(event);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('refuses the oversized form, which carries only a summary', () => {
    // Prepare
    const { configurationItem: _item, ...rest } = ec2.detail;
    const event = {
      ...ec2,
      detail: {
        ...rest,
        messageType: 'OversizedConfigurationItemChangeNotification',
        configurationItemSummary: { resourceType: 'AWS::EC2::Instance' },
      },
    };
    // Act
    const error = refusal(event);
    // Assess
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'validation', errors: [{ path: 'detail.messageType' }] });
  });

  it('refuses another source or detail-type', () => {
    // Assess
    expect(refusal({ ...ec2, source: 'aws.ec2' })).toMatchObject({ errors: [{ path: 'source' }] });
    expect(refusal({ ...ec2, 'detail-type': 'Config Rules Compliance Change' })).toMatchObject({
      errors: [{ path: 'detail-type' }],
    });
  });

  it('refuses an item without its identity, status or capture time', () => {
    // Prepare
    const event = {
      ...ec2,
      detail: {
        ...ec2.detail,
        configurationItem: {
          ...ec2.detail.configurationItem,
          resourceId: '',
          configurationItemStatus: 'Gone',
          configurationItemCaptureTime: 'soon',
        },
      },
    };
    // Act
    const error = refusal(event);
    // Assess
    expect(error).toMatchObject({
      errors: [
        { path: 'detail.configurationItem.resourceId' },
        { path: 'detail.configurationItem.configurationItemStatus' },
        { path: 'detail.configurationItem.configurationItemCaptureTime' },
      ],
    });
  });
});
