import type { Template } from 'aws-cdk-lib/assertions';
import { functionNameTag } from '#infra/constructs/naming.ts';

/** A CloudFormation resource as it appears in the synthesized template. */
export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}

export interface PolicyStatementJson {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
}

/** The environment variables of a Lambda function resource. */
export const environmentOf = (resource: CfnResourceJson | undefined): Record<string, unknown> =>
  ((resource?.Properties?.Environment ?? { Variables: {} }) as { Variables: Record<string, unknown> })
    .Variables;

export const resourcesOfType = (template: Template, type: string): Record<string, CfnResourceJson> =>
  template.findResources(type) as Record<string, CfnResourceJson>;

/** `{ 'Fn::GetAtt': [id, 'Arn'] }` or `{ Ref: id }` → `id`. */
export const referencedLogicalId = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.Ref === 'string') return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  return undefined;
};

/** Lambda logical id → manifest function name, read from the `opsdesk:function` tag. */
export const functionNamesByLogicalId = (template: Template): Map<string, string> => {
  const names = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(resourcesOfType(template, 'AWS::Lambda::Function'))) {
    const tags = (resource.Properties?.Tags ?? []) as Array<{ Key: string; Value: string }>;
    const name = tags.find((tag) => tag.Key === functionNameTag)?.Value;
    if (name) names.set(logicalId, name);
  }
  return names;
};

/** Manifest function name → its Lambda resource. */
export const functionResources = (template: Template): Map<string, CfnResourceJson> => {
  const functions = resourcesOfType(template, 'AWS::Lambda::Function');
  const byName = new Map<string, CfnResourceJson>();
  for (const [logicalId, name] of functionNamesByLogicalId(template)) {
    const resource = functions[logicalId];
    if (resource) byName.set(name, resource);
  }
  return byName;
};

/** Every statement of the inline policies attached to the function's execution role. */
export const policyStatementsOf = (template: Template, functionName: string): PolicyStatementJson[] => {
  const fn = functionResources(template).get(functionName);
  const roleId = referencedLogicalId(fn?.Properties?.Role);
  if (!roleId) throw new Error(`No role found for function ${functionName}`);
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) =>
      ((policy.Properties?.Roles ?? []) as unknown[]).some((role) => referencedLogicalId(role) === roleId),
    )
    .flatMap(
      (policy) =>
        ((policy.Properties?.PolicyDocument ?? { Statement: [] }) as { Statement: PolicyStatementJson[] })
          .Statement,
    );
};

export const actionsOf = (statements: PolicyStatementJson[]): string[] =>
  statements.flatMap((statement) =>
    Array.isArray(statement.Action) ? statement.Action : [statement.Action],
  );

/** JSON with sorted object keys, so equal patterns compare equal whatever their key order. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : item,
  );

export interface TemplateRoute {
  routeKey: string;
  functionName: string;
  public: boolean;
}

/** Every HTTP API route with the function its integration invokes. */
export const templateRoutes = (template: Template): TemplateRoute[] => {
  const names = functionNamesByLogicalId(template);
  const integrations = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration');
  return Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).map((route) => {
    const target = route.Properties?.Target as { 'Fn::Join': [string, unknown[]] } | undefined;
    const integrationId = referencedLogicalId(target?.['Fn::Join'][1][1]);
    const functionId = referencedLogicalId(integrations[integrationId ?? '']?.Properties?.IntegrationUri);
    return {
      routeKey: String(route.Properties?.RouteKey),
      functionName: names.get(functionId ?? '') ?? `unknown:${functionId}`,
      public: route.Properties?.AuthorizationType === 'NONE',
    };
  });
};

export interface TemplateEventRule {
  functionName: string;
  description: string;
  scheduleExpression?: string;
  eventPattern?: unknown;
  bus: string;
  target: Record<string, unknown>;
}

/** Every EventBridge rule with the function it targets and the bus it listens on. */
export const templateEventRules = (template: Template): TemplateEventRule[] => {
  const names = functionNamesByLogicalId(template);
  const busIds = Object.keys(resourcesOfType(template, 'AWS::Events::EventBus'));
  return Object.values(resourcesOfType(template, 'AWS::Events::Rule')).flatMap((rule) => {
    const properties = rule.Properties ?? {};
    const busName = properties.EventBusName;
    const busId = referencedLogicalId(busName);
    const bus =
      busName === undefined
        ? 'default'
        : busId && busIds.includes(busId)
          ? 'platform'
          : `unknown:${canonicalJson(busName)}`;
    return ((properties.Targets ?? []) as Array<Record<string, unknown>>).map((target) => ({
      functionName:
        names.get(referencedLogicalId(target.Arn) ?? '') ?? `unknown:${canonicalJson(target.Arn)}`,
      description: String(properties.Description),
      scheduleExpression: properties.ScheduleExpression as string | undefined,
      eventPattern: properties.EventPattern,
      bus,
      target,
    }));
  });
};
