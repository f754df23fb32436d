import { describe, expect, it } from 'vitest';
import {
  bucketsAllowingPlainHttp,
  cloudFrontTlsGaps,
  plainHttpApiPaths,
  queuesAllowingPlainHttp,
  renderValue,
  type StatementJson,
  type TemplateJson,
  wildcardActionsOf,
  wildcardActionsOnData,
  wildcardResources,
} from './support/template-security.ts';

/** A template holding the table, a queue and a role policy with the given statements. */
const withGrants = (...statements: StatementJson[]): TemplateJson => ({
  Resources: {
    Table: { Type: 'AWS::DynamoDB::GlobalTable' },
    Queue: { Type: 'AWS::SQS::Queue' },
    Site: { Type: 'AWS::S3::Bucket' },
    Grants: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: statements } } },
  },
});
const tableArn = { 'Fn::GetAtt': ['Table', 'Arn'] };
const indexArn = { 'Fn::Join': ['', [tableArn, '/index/*']] };

describe('renderValue', () => {
  it('reads references, joins and pseudo parameters as ARN text', () => {
    expect(renderValue(indexArn)).toBe('<Table.Arn>/index/*');
    expect(renderValue({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::assets']] })).toBe(
      'arn:<AWS.Partition>:s3:::assets',
    );
  });
});

describe('wildcard actions on data', () => {
  it('passes named actions on the table and its indexes', () => {
    const template = withGrants({
      Effect: 'Allow',
      Action: ['dynamodb:Query'],
      Resource: [tableArn, indexArn],
    });
    expect(wildcardActionsOnData(template)).toEqual([]);
  });

  it.each([
    ['*', '*'],
    ['dynamodb:*', tableArn],
    ['dynamodb:Get*', indexArn],
    ['sqs:Send?essage', { 'Fn::GetAtt': ['Queue', 'Arn'] }],
    ['events:*', 'arn:aws:events:eu-west-1:123456789012:event-bus/any'],
    ['s3:*', { 'Fn::GetAtt': ['Site', 'Arn'] }],
    ['logs:*', '*'],
  ])('fails %s on %j', (action, resource) => {
    const template = withGrants({ Effect: 'Allow', Action: action, Resource: resource });
    expect(wildcardActionsOnData(template)).toEqual([`Grants: ${action} on ${renderValue(resource)}`]);
  });

  it('fails an Allow with NotAction or NotResource, and ignores a Deny', () => {
    expect(wildcardActionsOf({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).toEqual([
      'NotAction iam:*',
    ]);
    expect(
      wildcardActionsOnData(withGrants({ Effect: 'Allow', Action: 'dynamodb:Get*', NotResource: tableArn })),
    ).toHaveLength(1);
    expect(
      wildcardActionsOnData(withGrants({ Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' })),
    ).toEqual([]);
  });

  it('exempts only the resources named as not data', () => {
    const template = withGrants(
      { Effect: 'Allow', Action: 's3:GetObject*', Resource: { 'Fn::GetAtt': ['Site', 'Arn'] } },
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: tableArn },
    );
    expect(wildcardActionsOnData(template, { '<Site.Arn>': 'the public build' })).toEqual([
      'Grants: dynamodb:* on <Table.Arn>',
    ]);
  });
});

describe('wildcard resources', () => {
  it('lists each Allow on a wildcard resource with its actions, and nothing named exactly', () => {
    const template = withGrants(
      { Effect: 'Allow', Action: ['xray:PutTraceSegments'], Resource: '*' },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: [tableArn, indexArn] },
      { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' },
    );
    expect(wildcardResources(template)).toEqual([
      { policyId: 'Grants', actions: ['xray:PutTraceSegments'], resource: '*', condition: undefined },
      {
        policyId: 'Grants',
        actions: ['dynamodb:Query'],
        resource: '<Table.Arn>/index/*',
        condition: undefined,
      },
    ]);
  });
});

/** A bucket and a queue with the given resource policy statements. */
const withResourcePolicies = (bucket: StatementJson[], queue: StatementJson[]): TemplateJson => ({
  Resources: {
    Bucket: { Type: 'AWS::S3::Bucket' },
    BucketPolicy: {
      Type: 'AWS::S3::BucketPolicy',
      Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: bucket } },
    },
    Queue: { Type: 'AWS::SQS::Queue' },
    QueuePolicy: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: { Queues: [{ Ref: 'Queue' }], PolicyDocument: { Statement: queue } },
    },
  },
});
const bucketArn = { 'Fn::GetAtt': ['Bucket', 'Arn'] };
const objectsArn = { 'Fn::Join': ['', [bucketArn, '/*']] };
const plainHttp = { Bool: { 'aws:SecureTransport': 'false' } };

describe('TLS only on buckets and queues', () => {
  const bucketDeny: StatementJson = {
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 's3:*',
    Resource: [bucketArn, objectsArn],
    Condition: plainHttp,
  };
  const queueDeny: StatementJson = {
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: 'sqs:*',
    Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] },
    Condition: plainHttp,
  };

  it('passes a bucket and a queue that deny every request without TLS', () => {
    const template = withResourcePolicies([bucketDeny], [queueDeny]);
    expect(bucketsAllowingPlainHttp(template)).toEqual([]);
    expect(queuesAllowingPlainHttp(template)).toEqual([]);
  });

  it('fails a missing deny, a deny on the bucket but not its objects, one action only, or one principal only', () => {
    expect(bucketsAllowingPlainHttp(withResourcePolicies([], []))).toEqual(['Bucket']);
    expect(queuesAllowingPlainHttp(withResourcePolicies([], []))).toEqual(['Queue']);
    for (const weaker of [
      { ...bucketDeny, Resource: bucketArn },
      { ...bucketDeny, Action: 's3:GetObject' },
      { ...bucketDeny, Principal: { AWS: 'arn:aws:iam::123456789012:root' } },
      { ...bucketDeny, Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ])
      expect(
        bucketsAllowingPlainHttp(withResourcePolicies([weaker], [queueDeny])),
        JSON.stringify(weaker),
      ).toEqual(['Bucket']);
  });
});

describe('no plain-HTTP path into the API', () => {
  const api = (
    resources: TemplateJson['Resources'],
    outputs: TemplateJson['Outputs'] = {},
  ): TemplateJson => ({
    Resources: {
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP' } },
      ...resources,
    },
    Outputs: outputs,
  });

  it('passes an HTTP API with Lambda integrations, a TLS 1.2 domain and an https URL', () => {
    const template = api(
      {
        Integration: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: { IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
        },
        Domain: {
          Type: 'AWS::ApiGatewayV2::DomainName',
          Properties: { DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_2' }] },
        },
      },
      { Url: { Value: { 'Fn::Join': ['', ['https://', { Ref: 'Api' }, '.execute-api']] } } },
    );
    expect(plainHttpApiPaths(template)).toEqual([]);
  });

  it('fails a REST API, an old-TLS domain, an http:// backend, an HTTP listener and an http:// URL', () => {
    const template = api(
      {
        Rest: { Type: 'AWS::ApiGateway::RestApi' },
        Domain: {
          Type: 'AWS::ApiGatewayV2::DomainName',
          Properties: { DomainNameConfigurations: [{ SecurityPolicy: 'TLS_1_0' }] },
        },
        Backend: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'http://backend.example.com' },
        },
        Listener: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: 'HTTP' } },
      },
      { Url: { Value: 'http://api.example.com' } },
    );
    expect(plainHttpApiPaths(template)).toEqual([
      "Rest: a REST API's default endpoint accepts TLS 1.0",
      'Domain: custom domain without TLS_1_2',
      'Backend: integration calls a plain-HTTP backend',
      'Listener: load balancer listens on plain HTTP',
      'output Url: hands out a plain-HTTP URL',
    ]);
  });
});

describe('CloudFront viewer and origin TLS', () => {
  const distribution = (config: Record<string, unknown>): TemplateJson => ({
    Resources: {
      Site: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: config } },
    },
  });
  const secure = {
    DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
    CacheBehaviors: [{ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only' }],
    ViewerCertificate: {
      AcmCertificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    },
    Origins: [
      {
        Id: 'api',
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      },
    ],
  };

  it('passes HTTPS behaviors, a custom certificate with TLSv1.2_2021 and an HTTPS-only origin', () => {
    expect(cloudFrontTlsGaps(distribution(secure))).toEqual([]);
  });

  it('fails an HTTP behavior, an old minimum, the default certificate and an origin over HTTP or old TLS', () => {
    expect(
      cloudFrontTlsGaps(
        distribution({
          ...secure,
          CacheBehaviors: [{ PathPattern: '/old/*', ViewerProtocolPolicy: 'allow-all' }],
          ViewerCertificate: { ...secure.ViewerCertificate, MinimumProtocolVersion: 'TLSv1' },
          Origins: [{ Id: 'api', CustomOriginConfig: { OriginProtocolPolicy: 'match-viewer' } }],
        }),
      ),
    ).toEqual([
      'Site: behavior /old/* allows plain HTTP',
      'Site: viewer TLS minimum TLSv1',
      'Site: origin api reached over match-viewer',
      'Site: origin api accepts TLSv1, TLSv1.1',
    ]);
    expect(
      cloudFrontTlsGaps(
        distribution({ ...secure, ViewerCertificate: { CloudFrontDefaultCertificate: true } }),
      ),
    ).toEqual(['Site: default *.cloudfront.net certificate (CloudFront fixes the viewer policy at TLSv1)']);
  });
});
