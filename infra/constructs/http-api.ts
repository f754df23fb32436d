import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type FunctionSpec, routesOf } from '#functions/manifest.ts';
import { pascalCase } from './naming.ts';

export interface OpsDeskHttpApiProps {
  jwt: { issuer: string; audience: string[] };
  logRetention: RetentionDays;
  throttle: ThrottleSettings;
  /** Browser origins allowed to call the API (the web console's); never `*`. @default - no CORS */
  corsOrigins?: string[];
}

/** HTTP API access log line: one JSON object per request, only variables HTTP APIs support. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/**
 * The OpsDesk HTTP API: one auto-deployed default stage with access logs and throttling, a JWT
 * authorizer on every route except the manifest's public ones, one Lambda integration per function.
 *
 * @example
 * const api = new OpsDeskHttpApi(this, 'Api', { jwt, logRetention, throttle: { rateLimit: 50, burstLimit: 100 } });
 * api.addFunctionRoutes(spec, fn);
 */
export class OpsDeskHttpApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogGroup: LogGroup;
  private readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: OpsDeskHttpApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'OpsDesk ITSM and ITOM API',
      createDefaultStage: false,
      ...(props.corsOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PUT,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
              exposeHeaders: ['etag', 'location'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat,
      },
    });
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwt.issuer, {
      jwtAudience: props.jwt.audience,
    });
  }

  /** The invoke URL of the default stage. */
  public get url(): string {
    return this.stage.url;
  }

  /** Adds the function's manifest routes, all through one integration. */
  public addFunctionRoutes(spec: FunctionSpec, handler: IFunction): HttpRoute[] {
    const declared = routesOf(spec);
    if (declared.length === 0) return [];
    const integration = new HttpLambdaIntegration(`${pascalCase(spec.name)}Integration`, handler);
    return declared.flatMap((route) => {
      const routes = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: route.public ? new HttpNoneAuthorizer() : this.authorizer,
      });
      if (route.public) {
        for (const publicRoute of routes) {
          Validations.of(publicRoute).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${route.method} ${route.path} is public by contract (README, Authentication): health check and API description.`,
          });
        }
      }
      return routes;
    });
  }
}
