import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest } from '#functions/manifest.ts';
import { maxBodyBytes } from '#http/middleware/json-request-body.ts';
import { extendedManifest } from './support/sample-manifest.ts';
import { type SynthesizedOpsDesk, synthesizeOpsDesk } from './support/synth.ts';
import {
  bucketsAllowingPlainHttp,
  cloudFrontTlsGaps,
  plainHttpApiPaths,
  policyStatements,
  queuesAllowingPlainHttp,
  renderValue,
  resourcesOf,
  type TemplateJson,
  wildcardActionsOf,
  wildcardActionsOnData,
  wildcardResources,
} from './support/template-security.ts';
import { templateRoutes } from './support/template-views.ts';

/**
 * The security review of the deployed stack (issue 13): least privilege without wildcard actions
 * on data, TLS on every path, the request size limits and the CORS policy, read from the
 * synthesized templates of the default app and of one with an own identity provider, a console
 * domain and every access kind.
 */
let standard: SynthesizedOpsDesk;
let customized: SynthesizedOpsDesk;
const consoleDomain = {
  name: 'opsdesk.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555',
};

beforeAll(() => {
  standard = synthesizeOpsDesk({ bundle: false });
  customized = synthesizeOpsDesk({
    bundle: false,
    opsDesk: {
      jwt: { issuer: 'https://login.example.com/', audience: ['opsdesk-api'] },
      console: { clientId: 'opsdesk-console', domain: consoleDomain },
      functions: extendedManifest,
    },
  });
});
afterAll(() => {
  standard?.dispose();
  customized?.dispose();
});

const templateOf = (synthesized: SynthesizedOpsDesk) => synthesized.template.toJSON() as TemplateJson;
const both = () => [
  { name: 'standard', template: templateOf(standard) },
  { name: 'customized', template: templateOf(customized) },
];
const onlyId = (template: TemplateJson, type: string): string => {
  const ids = Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id]) => id);
  expect(ids, type).toHaveLength(1);
  return ids[0] as string;
};
const deploymentPolicy = /^CustomCDKBucketDeployment[0-9A-F]+256MiBServiceRoleDefaultPolicy/;
const assetsBucket = 'arn:<AWS.Partition>:s3:::cdk-hnb659fds-assets-123456789012-eu-west-1';

/** Resources that hold no OpsDesk record or event, so a deploy-time wildcard grant on them is not on data. */
const notDataOf = (template: TemplateJson): Record<string, string> => ({
  [`<${onlyId(template, 'AWS::S3::Bucket')}.Arn>`]:
    'the console bucket holds only the public console build, rewritten by every deployment',
  [assetsBucket]: "the CDK assets bucket holds the deployment's staged assets",
});

describe('least privilege: no wildcard action on data', () => {
  it('grants no wildcard action on the table, its indexes and stream, the bus, the queue or a log group', () => {
    for (const { name, template } of both())
      expect(wildcardActionsOnData(template, notDataOf(template)), name).toEqual([]);
  });

  it('has wildcard actions only in the CDK deployment handler, only on the console build and CDK asset buckets', () => {
    for (const { name, template } of both()) {
      // Prepare
      const granted = policyStatements(template).filter(
        ({ statement }) => statement.Effect === 'Allow' && wildcardActionsOf(statement).length > 0,
      );

      // Assess: without the two exemptions the same grants are reported, and nothing else.
      expect(granted.length, name).toBeGreaterThan(0);
      for (const { policyId, statement } of granted) {
        expect(policyId, name).toMatch(deploymentPolicy);
        expect(wildcardActionsOf(statement).sort(), name).toEqual(
          expect.arrayContaining(['s3:GetBucket*', 's3:GetObject*', 's3:List*']),
        );
        const buckets = [...new Set(resourcesOf(statement).map((resource) => resource.replace(/\/\*$/, '')))];
        expect(buckets.length, name).toBe(1);
        expect(Object.keys(notDataOf(template)), name).toContain(buckets[0]);
      }
      expect(wildcardActionsOnData(template).length, name).toBe(granted.length);
    }
  });
});

/** Why each wildcard resource the stack grants cannot be narrowed; every entry must be in use. */
const wildcardResourceReasons: Array<{
  why: string;
  matches: (site: ReturnType<typeof wildcardResources>[number], template: TemplateJson) => boolean;
}> = [
  {
    why: 'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions',
    matches: (site) =>
      site.resource === '*' &&
      site.actions.every((action) => ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'].includes(action)),
  },
  {
    why: 'cloudwatch:GetMetricData supports no resource-level permissions',
    matches: (site) => site.resource === '*' && site.actions.join() === 'cloudwatch:GetMetricData',
  },
  {
    why: 'cloudwatch:PutMetricData supports no resource-level permissions; a condition limits it to the OpsDesk namespace',
    matches: (site) =>
      site.resource === '*' &&
      site.actions.join() === 'cloudwatch:PutMetricData' &&
      site.condition?.StringEquals?.['cloudwatch:namespace'] === 'OpsDesk',
  },
  {
    why: "the table's own GSIs (gsi1..gsi8): every list is a Query on an index, and the wildcard reaches no other table",
    matches: (site, template) =>
      site.resource === `<${onlyId(template, 'AWS::DynamoDB::GlobalTable')}.Arn>/index/*` &&
      site.actions.every((action) => action.startsWith('dynamodb:') && !action.includes('*')),
  },
  {
    why: "CloudFront reads the console build's objects through origin access control, for this distribution only (SourceArn condition)",
    matches: (site, template) =>
      site.resource === `<${onlyId(template, 'AWS::S3::Bucket')}.Arn>/*` &&
      site.actions.join() === 's3:GetObject' &&
      site.condition?.StringEquals?.['AWS:SourceArn'] !== undefined,
  },
  {
    why: "the CDK deployment handler copies the console build's objects from the CDK assets bucket; it runs only while deploying",
    matches: (site, template) =>
      deploymentPolicy.test(site.policyId) &&
      [`<${onlyId(template, 'AWS::S3::Bucket')}.Arn>/*`, `${assetsBucket}/*`].includes(site.resource),
  },
  {
    why: 'the CDK deployment handler invalidates the console distribution; the CDK grants it on every distribution and offers no way to narrow it',
    matches: (site) =>
      deploymentPolicy.test(site.policyId) &&
      site.resource === '*' &&
      site.actions.join() === 'cloudfront:CreateInvalidation,cloudfront:GetInvalidation',
  },
];

describe('wildcard resources, each with its justification', () => {
  it('grants a wildcard resource only where one of the listed reasons holds, and every reason is in use', () => {
    const used = new Set<string>();
    for (const { name, template } of both())
      for (const site of wildcardResources(template)) {
        const reasons = wildcardResourceReasons.filter((reason) => reason.matches(site, template));
        expect(
          reasons.map((reason) => reason.why),
          `${name}: ${site.policyId} grants ${site.actions.join(', ')} on ${site.resource} without a listed reason`,
        ).toHaveLength(1);
        used.add(reasons[0]?.why ?? '');
      }
    expect([...used].sort()).toEqual(wildcardResourceReasons.map((reason) => reason.why).sort());
  });
});

describe('TLS only', () => {
  it('denies every request without TLS on each bucket (and its objects) and each queue', () => {
    for (const { name, template } of both()) {
      const types = Object.values(template.Resources).map((resource) => resource.Type);
      expect(types, name).toEqual(expect.arrayContaining(['AWS::S3::Bucket', 'AWS::SQS::Queue']));
      expect(bucketsAllowingPlainHttp(template), name).toEqual([]);
      expect(queuesAllowingPlainHttp(template), name).toEqual([]);
    }
  });

  it('serves the API only on its HTTPS endpoint: an HTTP API (TLS 1.2 only), Lambda proxies, an https:// URL', () => {
    for (const { name, template } of both()) {
      expect(plainHttpApiPaths(template), name).toEqual([]);
      const api = template.Resources[onlyId(template, 'AWS::ApiGatewayV2::Api')];
      expect(api?.Properties?.ProtocolType, name).toBe('HTTP');
      const [apiUrl] = Object.entries(template.Outputs ?? {}).filter(([id]) => id.includes('ApiUrl'));
      expect(renderValue(apiUrl?.[1].Value), name).toMatch(
        /^https:\/\/<OpsDeskApiHttpApi\w+>\.execute-api\./,
      );
    }
  });

  it('redirects console viewers to HTTPS and, on the console domain, requires TLSv1.2_2021', () => {
    // Prepare
    const standardDistribution = onlyId(templateOf(standard), 'AWS::CloudFront::Distribution');
    const onDomain = templateOf(customized);
    const config = onDomain.Resources[onlyId(onDomain, 'AWS::CloudFront::Distribution')]?.Properties
      ?.DistributionConfig as Record<string, unknown>;

    // Assess: a domain of its own closes every gap.
    expect(cloudFrontTlsGaps(onDomain)).toEqual([]);
    expect(config.Aliases).toEqual([consoleDomain.name]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: consoleDomain.certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    // Without one, the one gap is the *.cloudfront.net certificate, acknowledged (CFR4) with that reason.
    expect(cloudFrontTlsGaps(templateOf(standard))).toEqual([
      `${standardDistribution}: default *.cloudfront.net certificate (CloudFront fixes the viewer policy at TLSv1)`,
    ]);
    const acknowledged = (synthesized: SynthesizedOpsDesk) =>
      synthesized.stack.opsDesk.console?.distribution.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
    expect(acknowledged(standard)).toContainEqual([
      expect.stringMatching(/AwsSolutions-CFR4$/),
      expect.stringMatching(/TLSv1\b.*console\.domain.*TLSv1\.2_2021/),
    ]);
    expect(acknowledged(customized)?.map(([id]) => id)).not.toContainEqual(
      expect.stringMatching(/AwsSolutions-CFR4$/),
    );
  });
});

describe('request size limits', () => {
  it('puts every route through a Lambda proxy (payload 2.0) to an httpApi handler, which refuses bodies over 64 KiB', () => {
    // API Gateway caps HTTP API payloads at 10 MB and offers no setting; the functions' limit is ours.
    expect(maxBodyBytes).toBe(64 * 1024);
    for (const { name, template } of both()) {
      const integrations = Object.values(template.Resources).filter(
        (resource) => resource.Type === 'AWS::ApiGatewayV2::Integration',
      );
      expect(integrations.length, name).toBeGreaterThan(0);
      for (const integration of integrations)
        expect(integration.Properties, name).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
        });
    }
    const routed = new Set(templateRoutes(standard.template).map((route) => route.functionName));
    expect(routed.size).toBeGreaterThan(0);
    for (const functionName of routed) {
      const spec = manifest.find((candidate) => candidate.name === functionName);
      const source = readFileSync(join(import.meta.dirname, '../..', spec?.entry ?? 'missing'), 'utf8');
      expect(source, functionName).toMatch(/from '#http\/http-api\.ts'/);
      expect(source, functionName).toMatch(/export const handler = httpApi\(/);
    }
  });
});

describe('CORS, explicit', () => {
  const corsOf = (template: TemplateJson) =>
    template.Resources[onlyId(template, 'AWS::ApiGatewayV2::Api')]?.Properties?.CorsConfiguration as Record<
      string,
      unknown
    >;

  it('allows exactly the console origin: the distribution, or the console domain when one is given', () => {
    expect(corsOf(templateOf(standard)).AllowOrigins).toEqual([
      {
        'Fn::Join': [
          '',
          [
            'https://',
            { 'Fn::GetAtt': [onlyId(templateOf(standard), 'AWS::CloudFront::Distribution'), 'DomainName'] },
          ],
        ],
      },
    ]);
    expect(corsOf(templateOf(customized)).AllowOrigins).toEqual([`https://${consoleDomain.name}`]);
  });

  it('names its methods and headers, sends no credentials and never says *', () => {
    const methods = new Set(
      manifest.flatMap((spec) => (spec.operations ?? []).map((operation) => operation.method)),
    );
    for (const { name, template } of both()) {
      const cors = corsOf(template);
      expect(cors, name).toEqual({
        AllowOrigins: expect.any(Array),
        AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        AllowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        ExposeHeaders: ['etag', 'location'],
        MaxAge: 3600,
      });
      expect(JSON.stringify(cors), name).not.toContain('*');
      // Every method a route uses is allowed, so the console can call the whole API.
      for (const method of methods) expect(cors.AllowMethods, `${name} ${method}`).toContain(method);
    }
  });
});
