import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SynthesizedOpsDesk, synthesizeOpsDesk } from './support/synth.ts';

let synthesized: SynthesizedOpsDesk;

beforeAll(() => {
  // The console's asset is the one bundle built here (esbuild, under a second); the functions' are skipped.
  synthesized = synthesizeOpsDesk({ bundle: false });
});
afterAll(() => synthesized?.dispose());

const resourcesOf = (type: string) =>
  Object.entries(synthesized.template.findResources(type)) as Array<
    [string, { Properties: Record<string, unknown> }]
  >;
const json = (value: unknown) => JSON.stringify(value);

/** The `config.json` staged for the BucketDeployment (tokens appear as its deploy-time markers). */
const stagedConfig = (of: SynthesizedOpsDesk) => {
  const directory = readdirSync(of.outdir).find((name) => existsSync(join(of.outdir, name, 'config.json')));
  if (!directory) throw new Error('no config.json asset staged');
  return JSON.parse(readFileSync(join(of.outdir, directory, 'config.json'), 'utf8')) as {
    apiUrl: string;
    signIn: Record<string, string>;
  };
};

describe('the console site', () => {
  it('keeps the build in a private, encrypted bucket that refuses plain HTTP', () => {
    synthesized.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    synthesized.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
  });

  it('serves it through CloudFront with origin access control, HTTPS only', () => {
    synthesized.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    synthesized.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    const [[, distribution]] = resourcesOf('AWS::CloudFront::Distribution') as [
      [string, { Properties: { DistributionConfig: Record<string, unknown> } }],
    ];
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(json(config)).toContain('"ViewerProtocolPolicy":"redirect-to-https"');
    expect(json(config)).toContain('OriginAccessControlId');
    expect(json(config)).not.toContain('OriginAccessIdentity":"origin-access-identity');
  });

  it('sends security headers: CSP, HSTS, frame denial, nosniff and no referrer', () => {
    const policy = resourcesOf('AWS::CloudFront::ResponseHeadersPolicy')[0]?.[1];
    const headers = json(policy?.Properties);
    expect(headers).toContain("default-src 'self'; script-src 'self'");
    expect(headers).toContain("frame-ancestors 'none'");
    expect(headers).toContain("connect-src 'self' https://*.execute-api.eu-west-1.");
    synthesized.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000, Override: true }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        }),
      },
    });
  });

  it('deploys the build with a config.json naming the API and the hosted UI sign-in', () => {
    const deployment = resourcesOf('Custom::CDKBucketDeployment')[0]?.[1];
    const properties = json(deployment?.Properties);
    expect(properties).toContain('"DistributionPaths":["/index.html","/config.json"]');
    expect(properties).toContain('"Exclude":["build.json","biome.json"]');
    expect(properties).toContain('{"Ref":"OpsDeskApiHttpApi');
    const config = stagedConfig(synthesized);
    expect(config.apiUrl).toMatch(/^https:\/\/<<marker:0xbaba:\d>>\.execute-api\.eu-west-1\./);
    expect(config.signIn).toMatchObject({
      mode: 'oidc',
      groupsClaim: 'cognito:groups',
      scope: 'openid email profile',
    });
    expect(config.signIn.authority).toMatch(/^https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\//);
    expect(config.signIn.logoutEndpoint).toMatch(
      /^https:\/\/opsdesk-opsdesk-123456789012\.auth\.eu-west-1\.amazoncognito\.com\/logout$/,
    );
    expect(config.signIn.redirectUri).toMatch(/^https:\/\/<<marker:0xbaba:\d>>\/$/);
  });

  it('signs in on the hosted UI with the public app client: code flow back to the CloudFront URL', () => {
    synthesized.template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: [
        {
          'Fn::Join': [
            '',
            ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('Distribution'), 'DomainName'] }, '/'],
          ],
        },
      ],
      LogoutURLs: Match.anyValue(),
      SupportedIdentityProviders: ['COGNITO'],
    });
    synthesized.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'opsdesk-opsdesk-123456789012',
    });
  });

  it('names the console origin, never *, in the API CORS policy', () => {
    const api = resourcesOf('AWS::ApiGatewayV2::Api')[0]?.[1];
    const cors = api?.Properties.CorsConfiguration as { AllowOrigins: unknown[]; AllowHeaders: string[] };
    expect(cors.AllowOrigins).toEqual([
      {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [expect.stringMatching(/Distribution/), 'DomainName'] }],
        ],
      },
    ]);
    expect(json(cors)).not.toContain('"*"');
    expect(cors.AllowHeaders).toEqual(
      expect.arrayContaining(['authorization', 'if-match', 'idempotency-key']),
    );
  });

  it('outputs the console URL', () => {
    expect(
      Object.keys(synthesized.template.findOutputs('*')).some((name) => name.includes('ConsoleUrl')),
    ).toBe(true);
  });

  it('is left out with console: false, and uses the given issuer and client with jwt', () => {
    const without = synthesizeOpsDesk({ bundle: false, opsDesk: { console: false } });
    const external = synthesizeOpsDesk({
      bundle: false,
      opsDesk: {
        jwt: { issuer: 'https://login.example.com/', audience: ['opsdesk-api'] },
        console: { clientId: 'spa' },
      },
    });
    try {
      without.template.resourceCountIs('AWS::CloudFront::Distribution', 0);
      expect(json(without.template.findResources('AWS::ApiGatewayV2::Api'))).not.toContain(
        'CorsConfiguration',
      );
      expect(stagedConfig(external).signIn).toMatchObject({
        mode: 'oidc',
        authority: 'https://login.example.com/',
        clientId: 'spa',
      });
      expect(json(external.template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))).toContain(
        'https://login.example.com',
      );
    } finally {
      without.dispose();
      external.dispose();
    }
  });
});
