/**
 * Security rules over a synthesized CloudFormation template, one pure function each (template in,
 * findings out; an empty list is compliant), in the shape of cdk-nag rules. cdk-nag reads one
 * resource at a time; these read across resources (a bucket and its policy, a grant and what it
 * names), which is where its packs are silent.
 */

export interface TemplateJson {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, { Value: unknown }>;
}

export interface StatementJson {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** A statement and the policy resource it sits in. */
export interface StatementSite {
  policyId: string;
  policyType: string;
  statement: StatementJson;
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * A resource value as readable text: `{ Ref: 'X' }` is `<X>`, `{ 'Fn::GetAtt': ['X', 'Arn'] }` is
 * `<X.Arn>`, joins are joined, pseudo parameters lose their `::` so ARNs keep their colons.
 * @example renderValue({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Table', 'Arn'] }, '/index/*']] }) // '<Table.Arn>/index/*'
 */
export const renderValue = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return `<${record.Ref.replace('::', '.')}>`;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
  const join = record['Fn::Join'];
  if (Array.isArray(join)) return (join[1] as unknown[]).map(renderValue).join(String(join[0]));
  const sub = record['Fn::Sub'];
  if (sub !== undefined) return renderValue(Array.isArray(sub) ? sub[0] : sub);
  return JSON.stringify(value);
};

/** The logical ids a value refers to (Ref and GetAtt, however deeply nested), pseudo parameters aside. */
export const referencedIds = (value: unknown): string[] => {
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  const record = value as Record<string, unknown>;
  const own =
    typeof record.Ref === 'string' && !record.Ref.startsWith('AWS::')
      ? [record.Ref]
      : Array.isArray(record['Fn::GetAtt'])
        ? [String(record['Fn::GetAtt'][0])]
        : [];
  return [...own, ...Object.values(record).flatMap(referencedIds)];
};

/**
 * Every statement of every policy in the template: identity policies (AWS::IAM::Policy,
 * ManagedPolicy, a role's inline policies) and resource policies (bucket, queue, topic, bus).
 * Trust policies (AssumeRolePolicyDocument) grant no action on a resource and are left out.
 */
export const policyStatements = (template: TemplateJson): StatementSite[] =>
  Object.entries(template.Resources).flatMap(([policyId, resource]) => {
    const properties = resource.Properties ?? {};
    const documents = [
      properties.PolicyDocument,
      ...list(properties.Policies as Array<{ PolicyDocument?: unknown }> | undefined).map(
        (policy) => policy.PolicyDocument,
      ),
    ].filter((document): document is { Statement: StatementJson | StatementJson[] } =>
      Boolean(document && typeof document === 'object' && 'Statement' in document),
    );
    return documents.flatMap((document) =>
      list(document.Statement).map((statement) => ({ policyId, policyType: resource.Type, statement })),
    );
  });

/** Actions that name more than one action: `*`, `service:*`, `s3:Get*`, `s3:?etObject`, or any NotAction. */
export const wildcardActionsOf = (statement: StatementJson): string[] => [
  ...list(statement.Action).filter((action) => /[*?]/.test(action)),
  ...list(statement.NotAction).map((action) => `NotAction ${action}`),
];

/** The statement's resources as text; a NotResource counts as `*`. */
export const resourcesOf = (statement: StatementJson): string[] =>
  statement.NotResource !== undefined ? ['*'] : list(statement.Resource).map(renderValue);

/** Where OpsDesk keeps records and events, by resource type and by ARN service. */
export const dataResourceTypes = [
  'AWS::DynamoDB::GlobalTable',
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::Events::EventBus',
  'AWS::Events::Archive',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
] as const;
const dataArn = /^arn:[^:]*:(dynamodb|sqs|sns|events|logs|s3):/;

/**
 * Allow statements granting a wildcard action on data: on `*`, on a data resource of the template,
 * or on a data service ARN. `notData` names resources (by the start of their text form) that are
 * not data, each with the reason; they are the only exceptions.
 * @example wildcardActionsOnData(template, { '<ConsoleBucket.Arn>': 'the public console build' })
 */
export const wildcardActionsOnData = (
  template: TemplateJson,
  notData: Record<string, string> = {},
): string[] => {
  const dataIds = new Set(
    Object.entries(template.Resources)
      .filter(([, resource]) => (dataResourceTypes as readonly string[]).includes(resource.Type))
      .map(([id]) => id),
  );
  const exempt = (resource: string) => Object.keys(notData).some((prefix) => resource.startsWith(prefix));
  return policyStatements(template).flatMap(({ policyId, statement }) => {
    const actions = wildcardActionsOf(statement);
    if (statement.Effect !== 'Allow' || actions.length === 0) return [];
    const raw = statement.NotResource !== undefined ? ['*'] : list(statement.Resource);
    const onData = raw.filter((resource) => {
      const text = renderValue(resource);
      if (exempt(text)) return false;
      return text === '*' || dataArn.test(text) || referencedIds(resource).some((id) => dataIds.has(id));
    });
    return onData.length > 0
      ? [`${policyId}: ${actions.join(', ')} on ${onData.map(renderValue).join(', ')}`]
      : [];
  });
};

/** Every Allow statement naming a resource with a wildcard, as `{ policyId, actions, resource }`. */
export const wildcardResources = (template: TemplateJson) =>
  policyStatements(template).flatMap(({ policyId, statement }) =>
    statement.Effect !== 'Allow'
      ? []
      : resourcesOf(statement)
          .filter((resource) => resource.includes('*'))
          .map((resource) => ({
            policyId,
            actions: [...list(statement.Action)].sort(),
            resource,
            condition: statement.Condition,
          })),
  );

/** A Deny of every action of `service` without TLS, to any principal, on all of `resources`. */
const deniesPlainTransport = (statement: StatementJson, service: string, resources: string[]) => {
  const insecure = statement.Condition?.Bool?.['aws:SecureTransport'];
  const principal = statement.Principal;
  const anyone =
    principal === '*' ||
    (typeof principal === 'object' && principal !== null && (principal as { AWS?: unknown }).AWS === '*');
  const actions = list(statement.Action);
  const covered = resourcesOf(statement);
  return (
    statement.Effect === 'Deny' &&
    anyone &&
    (insecure === 'false' || insecure === false) &&
    (actions.includes('*') || actions.includes(`${service}:*`)) &&
    resources.every((resource) => covered.includes(resource) || covered.includes('*'))
  );
};

/** Buckets whose policy does not refuse plain HTTP on the bucket and on its objects. */
export const bucketsAllowingPlainHttp = (template: TemplateJson): string[] =>
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::S3::Bucket')
    .map(([id]) => id)
    .filter((id) => {
      const arn = `<${id}.Arn>`;
      return !policyStatements(template).some(
        ({ policyId, policyType, statement }) =>
          policyType === 'AWS::S3::BucketPolicy' &&
          referencedIds(template.Resources[policyId]?.Properties?.Bucket).includes(id) &&
          deniesPlainTransport(statement, 's3', [arn, `${arn}/*`]),
      );
    });

/** Queues whose policy does not refuse plain HTTP. */
export const queuesAllowingPlainHttp = (template: TemplateJson): string[] =>
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::SQS::Queue')
    .map(([id]) => id)
    .filter(
      (id) =>
        !policyStatements(template).some(
          ({ policyId, policyType, statement }) =>
            policyType === 'AWS::SQS::QueuePolicy' &&
            referencedIds(template.Resources[policyId]?.Properties?.Queues).includes(id) &&
            deniesPlainTransport(statement, 'sqs', [`<${id}.Arn>`]),
        ),
    );

/**
 * Ways into an API over plain HTTP or old TLS: a REST API (its default endpoint accepts TLS 1.0),
 * a custom domain without the TLS 1.2 policy, an integration calling an `http://` backend, a load
 * balancer listening on HTTP, an output handing out an `http://` URL. An HTTP API's own endpoint
 * answers on HTTPS only, with TLS 1.2 (the only policy API Gateway offers HTTP APIs).
 */
export const plainHttpApiPaths = (template: TemplateJson): string[] => [
  ...Object.entries(template.Resources).flatMap(([id, resource]) => {
    const properties = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::ApiGateway::RestApi':
        return [`${id}: a REST API's default endpoint accepts TLS 1.0`];
      case 'AWS::ApiGateway::DomainName':
        return properties.SecurityPolicy === 'TLS_1_2' ? [] : [`${id}: custom domain without TLS_1_2`];
      case 'AWS::ApiGatewayV2::DomainName':
        return list(properties.DomainNameConfigurations as Array<{ SecurityPolicy?: string }>).every(
          (configuration) => configuration.SecurityPolicy === 'TLS_1_2',
        )
          ? []
          : [`${id}: custom domain without TLS_1_2`];
      case 'AWS::ApiGatewayV2::Integration':
        return /^http:\/\//i.test(renderValue(properties.IntegrationUri))
          ? [`${id}: integration calls a plain-HTTP backend`]
          : [];
      case 'AWS::ElasticLoadBalancingV2::Listener':
        return properties.Protocol === 'HTTP' ? [`${id}: load balancer listens on plain HTTP`] : [];
      default:
        return [];
    }
  }),
  ...Object.entries(template.Outputs ?? {})
    .filter(([, output]) => /^http:\/\//i.test(renderValue(output.Value)))
    .map(([id]) => `output ${id}: hands out a plain-HTTP URL`),
];

/** Viewer TLS policies CloudFront offers that refuse TLS 1.0 and 1.1 and weak ciphers. */
export const modernViewerTlsPolicies = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

/**
 * CloudFront distributions that let a viewer or origin connection go without modern TLS: a
 * behavior allowing HTTP, a custom certificate with an old minimum, the default *.cloudfront.net
 * certificate (CloudFront fixes it at TLSv1), or a custom origin reached over HTTP or old TLS.
 */
export const cloudFrontTlsGaps = (template: TemplateJson): string[] =>
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::CloudFront::Distribution')
    .flatMap(([id, resource]) => {
      const config = (resource.Properties?.DistributionConfig ?? {}) as Record<string, unknown>;
      const behaviors = [
        config.DefaultCacheBehavior,
        ...list(config.CacheBehaviors as unknown[] | undefined),
      ] as Array<{ ViewerProtocolPolicy?: string; PathPattern?: string }>;
      const certificate = config.ViewerCertificate as
        | { AcmCertificateArn?: unknown; IamCertificateId?: unknown; MinimumProtocolVersion?: string }
        | undefined;
      const custom =
        certificate?.AcmCertificateArn !== undefined || certificate?.IamCertificateId !== undefined;
      const origins = list(config.Origins as Array<Record<string, unknown>> | undefined);
      return [
        ...behaviors
          .filter(
            (behavior) => !['redirect-to-https', 'https-only'].includes(behavior?.ViewerProtocolPolicy ?? ''),
          )
          .map((behavior) => `${id}: behavior ${behavior?.PathPattern ?? 'default'} allows plain HTTP`),
        ...(custom
          ? modernViewerTlsPolicies.includes(certificate?.MinimumProtocolVersion ?? '')
            ? []
            : [`${id}: viewer TLS minimum ${certificate?.MinimumProtocolVersion ?? 'unset'}`]
          : [`${id}: default *.cloudfront.net certificate (CloudFront fixes the viewer policy at TLSv1)`]),
        ...origins.flatMap((origin) => {
          const customOrigin = origin.CustomOriginConfig as
            | { OriginProtocolPolicy?: string; OriginSSLProtocols?: string[] }
            | undefined;
          if (!customOrigin) return [];
          const old = (customOrigin.OriginSSLProtocols ?? ['TLSv1', 'TLSv1.1', 'TLSv1.2']).filter(
            (protocol) => protocol !== 'TLSv1.2',
          );
          return [
            ...(customOrigin.OriginProtocolPolicy === 'https-only'
              ? []
              : [`${id}: origin ${String(origin.Id)} reached over ${customOrigin.OriginProtocolPolicy}`]),
            ...(old.length > 0 ? [`${id}: origin ${String(origin.Id)} accepts ${old.join(', ')}`] : []),
          ];
        }),
      ];
    });
